#!/usr/bin/env bash
# Installs the pinned OpenAPI linters (package-lock.json) into tools/openapi/node_modules.
# .ci/run calls this; the API tests run lint.sh on the document the API serves.
set -euo pipefail
cd "$(dirname "$0")"
# --ignore-scripts: the linters need no install scripts (one dependency's only sends usage statistics).
npm ci --no-audit --no-fund --ignore-scripts
