#!/usr/bin/env bash
# Installs the pinned OpenAPI linters (package-lock.json) into tools/openapi/node_modules.
# .ci/run calls this; the API tests run lint.sh on the document the API serves. Also installs
# Chromium (Debian) when missing, for the check of the API reference page.
set -euo pipefail
cd "$(dirname "$0")"
# --ignore-scripts: the linters need no install scripts (one dependency's only sends usage statistics).
npm ci --no-audit --no-fund --ignore-scripts

# The API tests open the API reference (/reference) in Debian's Chromium to check that it loads
# nothing from outside the archive.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
