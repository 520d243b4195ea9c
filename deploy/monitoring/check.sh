#!/usr/bin/env bash
# Checks the monitoring files offline with promtool (Debian's `prometheus` package):
#   - alerts.yaml: `promtool check rules`, then its unit tests, `promtool test rules alerts.test.yaml`;
#   - dashboard.json: valid JSON whose every query is valid PromQL (checked as recording rules).
# Installs prometheus and jq with apt-get if missing. Exit code 0 when all is well.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v jq >/dev/null || missing+=(jq)
if ((${#missing[@]})); then
  { apt-get install -y -q --no-install-recommends "${missing[@]}" || { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; }; } >/dev/null
fi

cd "$here"
promtool check rules alerts.yaml
promtool test rules alerts.test.yaml

queries=$(mktemp)
trap 'rm -f "$queries"' EXIT
{
  echo "groups:"
  echo "  - name: dashboard"
  echo "    rules:"
  jq -r '.panels[] | select(.targets) | .targets[] | .expr' dashboard.json | sed 's/\$__rate_interval/5m/g' | nl -nln -w1 -s' ' |
    while read -r n expr; do
      printf '      - record: dashboard:query_%s\n        expr: %s\n' "$n" "$(jq -Rn --arg e "$expr" '$e')"
    done
} >"$queries"
count=$(grep -c 'record:' "$queries")
promtool check rules "$queries" >/dev/null || { promtool check rules "$queries"; exit 1; }
echo "dashboard.json: $(jq '.panels | length' dashboard.json) panels, $count queries, all valid PromQL"
