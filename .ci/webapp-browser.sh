#!/usr/bin/env bash
# The staff web app's browser tests drive Debian's Chromium (never a downloaded browser) and need
# a CJK font so Chinese pages render (and screenshot) as people see them.
set -euo pipefail
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig >/dev/null
fi
chromium --version
