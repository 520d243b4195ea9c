#!/usr/bin/env bash
# Checks the Kubernetes manifests without a cluster: renders base and every overlay with
# Kustomize, validates every rendered object against the Kubernetes API schemas
# (validator/validate.mjs) and checks the project's own rules (validator/rules.mjs).
#
#   bash deploy/k8s/validate.sh            (from anywhere; exit code 0 when all is well)
#
# Needs node and npm; installs what else it needs: the validator's npm packages (npm ci) and,
# if no recent enough kubectl or kustomize is on PATH, `apt-get install kubectl`.
# Set KEEP_RENDERED=DIR to keep the rendered YAML there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
validator="$here/validator"
targets=(base overlays/dev overlays/production)

# ---- Kustomize: kubectl's built-in one or a standalone binary, version 5 or later -------------
# (`labels: includeTemplates` needs Kustomize 5, in kubectl 1.27 and later. Debian 12's own
# kubernetes-client package is kubectl 1.20 with Kustomize 2, which cannot read these files.)
render=()
version=""
major() { sed -nE 's/.*v([0-9]+)\.[0-9]+.*/\1/p' <<<"$1" | head -n1; }
find_kustomize() {
  if command -v kubectl >/dev/null; then
    version=$(kubectl version --client 2>/dev/null | grep -i '^kustomize' || true)
    if [[ $(major "$version") -ge 5 ]]; then render=(kubectl kustomize); return 0; fi
  fi
  if command -v kustomize >/dev/null; then
    version="Kustomize $(kustomize version 2>/dev/null | head -n1)"
    if [[ $(major "$version") -ge 5 ]]; then render=(kustomize build); return 0; fi
  fi
  return 1
}
if ! find_kustomize; then
  echo "validate: no kubectl >= 1.27 (Kustomize 5) on PATH; trying apt-get install kubectl" >&2
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  { "${sudo[@]}" apt-get install -y kubectl || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y kubectl; }; } >&2 || true
  if ! find_kustomize; then
    echo "validate: FAILED: needs kubectl >= 1.27 or kustomize >= 5 on PATH (the Kubernetes project's" >&2
    echo "  apt repository has kubectl; Debian 12's kubernetes-client is too old)." >&2
    exit 2
  fi
fi

# ---- The validator's packages, installed again only when the lock file changes -----------------
stamp="$validator/node_modules/.installed-lock.json"
if ! cmp -s "$validator/package-lock.json" "$stamp"; then
  (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$validator/package-lock.json" "$stamp"
fi

out=${KEEP_RENDERED:-$(mktemp -d)}
mkdir -p "$out"
[[ -n ${KEEP_RENDERED:-} ]] || trap 'rm -rf "$out"' EXIT

# ---- The validator must itself refuse a broken object (a silently permissive validator is worse than none)
if node "$validator/validate.mjs" >/dev/null 2>&1 <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: broken}
spec:
  selector: {matchLabels: {app: broken}}
  template:
    metadata: {labels: {app: broken}}
    spec:
      containers:
        - name: broken
          image: broken
          ports: [{containerPort: "not-a-number"}]
          readinesProbe: {tcpSocket: {port: 1}}
EOF
then
  echo "validate: FAILED: the validator accepted a deliberately broken Deployment" >&2
  exit 1
fi

# ---- Render, validate, check -------------------------------------------------------------------
echo "validate: rendering with \`${render[*]}\` ($version)"
failed=0
for target in "${targets[@]}"; do
  name=$(basename "$target")
  file="$out/$name.yaml"
  echo "== $target"
  if ! "${render[@]}" "$here/$target" >"$file"; then
    echo "validate: FAILED: $target does not render" >&2
    failed=1
    continue
  fi
  node "$validator/validate.mjs" "$file" || failed=1
  node "$validator/rules.mjs" "$name" "$file" || failed=1
done

if [[ $failed -ne 0 ]]; then
  echo "validate: FAILED" >&2
  exit 1
fi
echo "validate: OK (base, dev and production render and are valid)"
