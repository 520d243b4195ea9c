#!/usr/bin/env bash
# CI's proof of the images: builds both from deploy/containers/*.Dockerfile, runs the production
# topology as containers (PostgreSQL, `migrate`, three silos, one API), walks the README's tour
# against it, then kills one silo container under load (ContainerFailoverTests) and checks that
# nothing acknowledged was lost. Prints what it measured. Exit code 0 when all of it passed.
#
#   bash deploy/containers/ci-test.sh        (as root, from anywhere; .ci/run calls it)
#
# No container registry is reachable here, so Microsoft's .NET images are stood in for by images
# built from Debian packages (mmdebstrap, `podman import`) plus this machine's own .NET runtime
# and SDK (deploy/containers/ci/dotnet.Containerfile). The application images are built from the
# unchanged Dockerfiles with SDK_IMAGE and RUNTIME_IMAGE pointing at those. Why not self-contained
# publishing instead: the Dockerfiles would then differ from what operators build, and the
# runtime would come from NuGet rather than the base image, which is what this checks.
#
# This machine's facts: crun fails ("cgroups in hybrid mode not supported"), so every podman call
# uses runc and these ulimits; containers use the host's network and bind to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD
here=deploy/containers
started=$SECONDS
figures=()
phase() { echo "== containers: $1 (at $((SECONDS - started)) s)"; }
figure() { figures+=("$1"); echo "   $1"; }

# ---- Tools, from Debian ---------------------------------------------------------------------------
tools=(podman buildah runc mmdebstrap uidmap jq curl openssl prometheus)
missing=()
for package in "${tools[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if ((${#missing[@]})); then
  phase "installing ${missing[*]}"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
fi
podman=(podman --runtime runc)
limits=(--ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
build=("${podman[@]}" build --network host "${limits[@]}" --quiet)

run_id="ba-ci-$$"
work=$(mktemp -d)
cleanup() {
  "${podman[@]}" ps -aq --filter "label=branch-archive-ci=$run_id" | xargs -r "${podman[@]}" rm -f -t 0 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    if [[ -z $(ss -Htln "sport = :$port") ]] && ! grep -qx "$port" "$work/ports" 2>/dev/null; then
      echo "$port" >>"$work/ports"
      echo "$port"
      return
    fi
  done
}

# ---- Base image from Debian packages (what Microsoft's Debian-based images install) -------------
phase "mmdebstrap bookworm minbase"
t=$SECONDS
mmdebstrap --quiet --variant=minbase --include=ca-certificates,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
  bookworm "$work/base.tar" http://deb.debian.org/debian
"${podman[@]}" import --quiet --change 'CMD ["/bin/bash"]' "$work/base.tar" localhost/branch-archive-ci/debian:bookworm >/dev/null
rm -f "$work/base.tar"
figure "base image (mmdebstrap + podman import): $((SECONDS - t)) s"

# ---- Stand-ins for mcr.microsoft.com/dotnet/{aspnet,sdk}:10.0 from this machine's .NET -----------
phase ".NET runtime and SDK images"
t=$SECONDS
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
for target in runtime sdk; do
  "${build[@]}" -f "$repo/$here/ci/dotnet.Containerfile" --target "$target" \
    -t "localhost/branch-archive-ci/dotnet-$target:10.0" "$dotnet_root" >/dev/null
done
"${build[@]}" -f "$repo/$here/ci/postgres.Containerfile" -t localhost/branch-archive-ci/postgres:15 "$repo/$here/ci" >/dev/null
figure ".NET and PostgreSQL base images: $((SECONDS - t)) s"

# ---- The archive's images, from the Dockerfiles operators use -------------------------------------
# The build containers reach NuGet through this machine's CA bundle (mounted, not baked in).
for program in silo api; do
  phase "image branch-archive/$program"
  t=$SECONDS
  "${build[@]}" -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
    --build-arg SDK_IMAGE=localhost/branch-archive-ci/dotnet-sdk:10.0 \
    --build-arg RUNTIME_IMAGE=localhost/branch-archive-ci/dotnet-runtime:10.0 \
    -f "$here/$program.Dockerfile" -t "localhost/branch-archive/$program:ci" . >/dev/null
  size=$("${podman[@]}" image inspect --format '{{.Size}}' "localhost/branch-archive/$program:ci")
  figure "image branch-archive/$program: built in $((SECONDS - t)) s, $((size / 1024 / 1024)) MiB"
  user=$("${podman[@]}" image inspect --format '{{.Config.User}}' "localhost/branch-archive/$program:ci")
  [[ $user == 1654 ]] || { echo "containers: FAILED: branch-archive/$program runs as '$user', not 1654" >&2; exit 1; }
done

# ---- The production topology as containers --------------------------------------------------------
# As hardened as in Kubernetes: read-only root filesystem (podman mounts a tmpfs on /tmp), no
# capabilities, no privilege escalation, the image's own user.
hardened=(--read-only --cap-drop=all --security-opt no-new-privileges "${limits[@]}" --network host
  --label "branch-archive-ci=$run_id")
pg_port=$(free_port)
pg_password=$(openssl rand -hex 16)
signing_key=$(openssl rand -base64 32)
# Silos on PostgreSQL refuse to start without the key that signs the audit log's checkpoints.
checkpoint_key=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)
cluster_id="ci-$$"
# GSS Encryption Mode=Disable: Npgsql otherwise tries Kerberos encryption first and, on an image
# without libgssapi (Microsoft's .NET images have none), logs that it cannot load the library.
connection="Host=127.0.0.1;Port=$pg_port;Database=archive;Username=archive;Password=$pg_password;GSS Encryption Mode=Disable"
archive_env=(-e Cluster__Membership=AdoNet -e Cluster__Storage=Postgres -e Cluster__ServiceId=branch-archive
  -e Cluster__ClusterId="$cluster_id" -e ConnectionStrings__Archive="$connection"
  -e Logging__Console__FormatterName=json -e Audit__Checkpoints__SigningKey="$checkpoint_key"
  # The kill test's load lends to a made-up borrower ("load") on a branch it opens, as the other
  # cluster tests do; the README tour still lends to a listed member of staff.
  -e Circulation__AllowUnlistedBorrowers=true)

phase "PostgreSQL, migrate, 3 silos, 1 API"
t=$SECONDS
"${podman[@]}" run -d --name "$run_id-postgres" --network host --label "branch-archive-ci=$run_id" "${limits[@]}" \
  -e POSTGRES_DB=archive -e POSTGRES_USER=archive -e POSTGRES_PASSWORD="$pg_password" \
  -e PGPORT="$pg_port" -e LISTEN=127.0.0.1 localhost/branch-archive-ci/postgres:15 >/dev/null
for _ in $(seq 120); do
  "${podman[@]}" exec "$run_id-postgres" /usr/lib/postgresql/15/bin/pg_isready -q -h 127.0.0.1 -p "$pg_port" -d archive 2>/dev/null && break
  sleep 0.5
done
"${podman[@]}" run --rm --name "$run_id-migrate" "${hardened[@]}" "${archive_env[@]}" localhost/branch-archive/silo:ci migrate

silos=()
silo_http=()
for i in 1 2 3; do
  silo_port=$(free_port) gateway_port=$(free_port) http_port=$(free_port)
  "${podman[@]}" run -d --name "$run_id-silo$i" "${hardened[@]}" "${archive_env[@]}" \
    -e Cluster__SiloPort="$silo_port" -e Cluster__GatewayPort="$gateway_port" -e Cluster__HttpPort="$http_port" \
    -e Cluster__AdvertisedAddress=127.0.0.1 localhost/branch-archive/silo:ci >/dev/null
  silos+=("$run_id-silo$i=$silo_port")
  silo_http+=("$http_port")
done
api_port=$(free_port)
# The API waits 1 s for a silo's answer in production, for fast failover (docs/operations.md). CI
# shares two cores with the image builds and, on a developer's machine, with other work: under
# such load a healthy write can take longer, and the tour (run once, as written) would see 503s.
# 5 s here; the kill test's figures say what that costs.
"${podman[@]}" run -d --name "$run_id-api" "${hardened[@]}" "${archive_env[@]}" \
  -e Cluster__FailureDetection__ClientResponseTimeout=00:00:05 \
  -e Urls="http://127.0.0.1:$api_port" -e Auth__DevTokens=false -e Auth__SigningKey="$signing_key" \
  -e Api__WriteRateLimit__Burst=1000000 -e Api__WriteRateLimit__PerSecond=1000000 \
  localhost/branch-archive/api:ci >/dev/null

wait_ready() { # name url
  for _ in $(seq 240); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$2") == 200 ]] && return 0
    if [[ $("${podman[@]}" inspect --format '{{.State.Running}}' "$1") != true ]]; then break; fi
    sleep 0.5
  done
  echo "containers: FAILED: $1 is not ready at $2; its log:" >&2
  "${podman[@]}" logs --tail 40 "$1" >&2
  exit 1
}
for i in 1 2 3; do wait_ready "$run_id-silo$i" "http://127.0.0.1:${silo_http[i - 1]}/health/ready"; done
wait_ready "$run_id-api" "http://127.0.0.1:$api_port/health/ready"
figure "topology up (PostgreSQL, migrate, 3 silos ready, API ready): $((SECONDS - t)) s"

# ---- The README's tour, as written, with a token signed for this API ------------------------------
phase "README tour"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"branch-archive","aud":"branch-archive-api","sub":"alice","role":["archivist"],"exp":%d}' $(($(date +%s) + 3600)) | b64url)
key_hex=$(printf '%s' "$signing_key" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \n')
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | b64url)
# A cluster's first writes are slow (JIT, connection pools, prepared statements): on a busy
# 2-core machine they can outlast the API's wait for a silo (5 s here) and answer 503 ("repeat the
# request"). Warm the same code paths on another branch first, repeating each step as a client
# would, so the tour below runs as written, once.
warm() { # path body: POST until the archive confirms it (2xx) or already has it (409)
  local code
  for _ in $(seq 60); do
    code=$(curl -s -o "$work/warm.json" -w '%{http_code}' -H "Authorization: Bearer $header.$payload.$signature" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: warm-$1" "http://127.0.0.1:$api_port$1" -d "$2")
    [[ $code == 2* || $code == 409 ]] && return 0
    sleep 1
  done
  echo "containers: FAILED: POST $1 kept answering $code: $(cat "$work/warm.json")" >&2
  exit 1
}
t=$SECONDS
warm /api/branches '{"code":"CI00","name":"Warm-up","region":"East"}'
warm /api/branches/CI00/cabinets '{"code":"C01","name":"Warm-up","capacity":10}'
warm /api/files '{"branch":"CI00","cabinet":"C01","customer":{"name":"Warm-up","type":"Enterprise","idNumber":"0"},"importance":"Normal","documents":[{"type":"Cooperation","title":"Warm-up","pages":1,"date":"2026-01-01"}]}'
figure "warm-up writes confirmed after $((SECONDS - t)) s"
# The tour's lines after the one that asks the embedded archive for a development token.
tour=$(awk '/tour against the running archive/ {on=1} on && /^```sh/ {inside=1; next} inside && /^```/ {exit} inside' README.md \
  | grep -v '/dev/token' | sed "s#localhost:5080#127.0.0.1:$api_port#g")
[[ -n $tour ]] || { echo "containers: FAILED: no tour found in README.md" >&2; exit 1; }
tour_output=$(TOKEN="$header.$payload.$signature" bash -c 'set -eo pipefail; H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json"); '"$tour" 2>&1) \
  || { echo "$tour_output" >&2; echo "containers: FAILED: the README tour failed" >&2; exit 1; }
echo "$tour_output" | sed 's/^/   | /'
grep -q '^file [A-Za-z0-9-]\+$' <<<"$tour_output" && grep -q '^loan [A-Za-z0-9-]\+$' <<<"$tour_output" \
  && grep -q '"status":"OnShelf"' <<<"$tour_output" \
  || { echo "containers: FAILED: the tour did not register, lend and take back a file" >&2; exit 1; }
figure "README tour: file registered, lent and returned through the containerised API"

# ---- One silo container killed under load ---------------------------------------------------------
phase "podman kill of a silo under load"
t=$SECONDS
tests=tests/BranchArchive.Cluster.Tests
[[ -f $tests/bin/Debug/net10.0/BranchArchive.Cluster.Tests.dll ]] || dotnet build "$tests" -v q >/dev/null
report=TestResults/cluster-report.txt
before=$(grep -c ' containers: ' "$report" 2>/dev/null || true)
status=0
BRANCHARCHIVE_CONTAINERS_API="http://127.0.0.1:$api_port" \
BRANCHARCHIVE_CONTAINERS_SIGNING_KEY="$signing_key" \
BRANCHARCHIVE_CONTAINERS_POSTGRES="$connection" \
BRANCHARCHIVE_CONTAINERS_SERVICE_ID=branch-archive \
BRANCHARCHIVE_CONTAINERS_CLUSTER_ID="$cluster_id" \
BRANCHARCHIVE_CONTAINERS_SILOS="$(IFS=';'; echo "${silos[*]}")" \
BRANCHARCHIVE_CONTAINERS_KILL="${podman[*]} kill" \
  dotnet test "$tests" --no-build --filter "FullyQualifiedName~ContainerFailoverTests" --logger "console;verbosity=normal" || status=$?
# What the API answered 5xx for, from its own log (JSON lines, Error level).
errors=$("${podman[@]}" logs "$run_id-api" 2>/dev/null | jq -r 'select(.LogLevel == "Error") | (.Exception // .Message) | split("\n")[0]' 2>/dev/null | sort | uniq -c | sort -rn | head -n 5 || true)
[[ -z $errors ]] || { echo "   errors the API logged meanwhile:"; sed 's/^/   | /' <<<"$errors"; }
if [[ $status -ne 0 ]]; then echo "containers: FAILED: the kill test failed" >&2; exit "$status"; fi
[[ $(grep -c ' containers: ' "$report" 2>/dev/null || true) -gt ${before:-0} ]] \
  || { echo "containers: FAILED: the kill test reported nothing (skipped?)" >&2; exit 1; }
figure "$(grep ' containers: ' "$report" | tail -n1 | sed -E 's/^.* containers: //') (test took $((SECONDS - t)) s)"

# ---- The metrics the archive serves, as Prometheus reads them -------------------------------------
# promtool check metrics on the archive's own families (Orleans' and .NET's own are theirs to fix:
# Orleans reports milliseconds, for one).
phase "promtool check metrics"
own_families() { awk '/^# (HELP|TYPE) / { keep = ($3 ~ /^(archive_|http_server_request_duration)/) } keep'; }
# A surviving silo: the kill test chose its victim by where the files were, so it may be any of them.
for port in "${silo_http[@]}"; do
  curl -sf "http://127.0.0.1:$port/metrics" >"$work/silo-full.prom" && break
done
own_families <"$work/silo-full.prom" >"$work/silo.prom"
curl -sf "http://127.0.0.1:$api_port/metrics" | own_families >"$work/api.prom"
for scrape in silo api; do
  families=$(grep -c '^# TYPE' "$work/$scrape.prom" || true)
  [[ $families -gt 0 ]] || { echo "containers: FAILED: the $scrape serves none of the archive's metric families" >&2; exit 1; }
  problems=$(promtool check metrics <"$work/$scrape.prom" 2>&1) || { echo "$problems" >&2; echo "containers: FAILED: promtool check metrics ($scrape)" >&2; exit 1; }
  figure "promtool check metrics: the $scrape's $families archive metric families are clean"
done
grep -q 'archive_operation_duration_seconds_bucket{.*le="0.005"' "$work/silo.prom" \
  || { echo "containers: FAILED: the silo's operation histogram has no second-scale buckets" >&2; exit 1; }

# Whatever the silos logged, with a timestamp on every line (JSON: "Timestamp").
lines=$("${podman[@]}" logs "$run_id-silo2" 2>&1 | grep -c '^{' || true)
stamped=$("${podman[@]}" logs "$run_id-silo2" 2>&1 | grep -c '^{"Timestamp":"20' || true)
figure "silo2 logged $lines JSON lines, $stamped with a timestamp"
[[ $lines -eq $stamped ]] || { echo "containers: FAILED: log lines without a timestamp" >&2; exit 1; }

echo "== Figures measured with the containers (total $((SECONDS - started)) s)"
printf '%s\n' "${figures[@]}"
