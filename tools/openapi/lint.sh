#!/usr/bin/env bash
# Lints an OpenAPI document with Spectral (spectral:oas) and Redocly (recommended), using the rule
# sets beside this script. Fails on any error or warning: a warning is fixed or switched off, with
# its reason, in .spectral.yaml or redocly.yaml.  Usage: lint.sh path/to/openapi.json
set -euo pipefail
document="$(realpath "$1")"
cd "$(dirname "$0")"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
status=0
echo "== Spectral (spectral:oas)"
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=hint "$document" || status=1
echo "== Redocly (recommended)"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
node_modules/.bin/redocly lint --config redocly.yaml "$document" || status=1
node_modules/.bin/redocly lint --config redocly.yaml --format=json "$document" > "$report" 2>/dev/null || true
node -e '
  const totals = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).totals;
  if (totals.errors + totals.warnings > 0) { console.error(`Redocly: ${totals.errors} error(s), ${totals.warnings} warning(s)`); process.exit(1); }
' "$report" || status=1
exit $status
