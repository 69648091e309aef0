#!/usr/bin/env bash
# Mutual-TLS load comparison: each target (bare YARP baseline, then the gateway) is started pinned to one CPU,
# loaded by PayerTrustGateway.LoadHarness pinned to another, stopped, and summarised. Loopback only.
#
# Usage:
#   bench/run-load.sh [--server-cert F] [--server-key F] [--client-cert F] [--client-key F] [--ca F]
#                     [--connections N] [--warmup-seconds W] [--duration-seconds D] [--out-dir DIR]
#
# Every option can also come from the environment (options win):
#   PTG_SERVER_CERT, PTG_SERVER_KEY  PEM certificate + key of the targets' HTTPS listener (SAN IP:127.0.0.1)
#   PTG_CLIENT_CERT, PTG_CLIENT_KEY  PEM partner client certificate + key presented by the load generator
#   PTG_CA                           PEM root(s) the server certificate chains to
#   (all five default to a fresh sandbox PKI generated into the output folder by the gateway itself)
#   PTG_BACKEND_PORT (18080)  PTG_BARE_YARP_PORT (19443)  PTG_GATEWAY_PORT (19444)  PTG_ADMIN_PORT (19081)
#   PTG_PATH (/fhir/Patient/member-1001)  PTG_CONNECTIONS (8)  PTG_WARMUP_SECONDS (90)  PTG_DURATION_SECONDS (30)
#   PTG_ROUNDS (2: bare-yarp and gateway alternate, so drift hits both alike)
#   The 90 s warm-up is deliberate: each server is pinned to one saturated core, where the tiered JIT's
#   background compiler gets little time. The gateway has far more hot code than bare YARP and is still
#   being promoted to optimized code at 30 s (throughput still rising at 45 s, flat from 90 s to 150 s).
#   PTG_LOAD_CPU (0)  PTG_TARGET_CPU (1)  PTG_BACKEND_CPU (1: servers share a core, the generator has its own)
#   PTG_OUT_DIR (.loadrun/<timestamp>)  PTG_SKIP_BUILD=1 to reuse the last Release build
# Keys never go into the repository: keep them outside it or under .loadrun/ (ignored by git).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS_PROJECT="$REPO/bench/PayerTrustGateway.LoadHarness"
HARNESS_DLL="$HARNESS_PROJECT/bin/Release/net10.0/PayerTrustGateway.LoadHarness.dll"
GATEWAY_PROJECT="$REPO/src/PayerTrustGateway"
GATEWAY_DLL="$GATEWAY_PROJECT/bin/Release/net10.0/PayerTrustGateway.dll"

SERVER_CERT="${PTG_SERVER_CERT:-}"
SERVER_KEY="${PTG_SERVER_KEY:-}"
CLIENT_CERT="${PTG_CLIENT_CERT:-}"
CLIENT_KEY="${PTG_CLIENT_KEY:-}"
CA="${PTG_CA:-}"
BACKEND_PORT="${PTG_BACKEND_PORT:-18080}"
BARE_YARP_PORT="${PTG_BARE_YARP_PORT:-19443}"
GATEWAY_PORT="${PTG_GATEWAY_PORT:-19444}"
ADMIN_PORT="${PTG_ADMIN_PORT:-19081}"
ROUNDS="${PTG_ROUNDS:-2}"
REQUEST_PATH="${PTG_PATH:-/fhir/Patient/member-1001}"
CONNECTIONS="${PTG_CONNECTIONS:-8}"
WARMUP_SECONDS="${PTG_WARMUP_SECONDS:-90}"
DURATION_SECONDS="${PTG_DURATION_SECONDS:-30}"
LOAD_CPU="${PTG_LOAD_CPU:-0}"
TARGET_CPU="${PTG_TARGET_CPU:-1}"
BACKEND_CPU="${PTG_BACKEND_CPU:-1}"
OUT_DIR="${PTG_OUT_DIR:-$REPO/.loadrun/$(date +%Y%m%d-%H%M%S)}"

STARTED_PIDS=()   # processes this script started; only these are ever signalled
TARGET_NAMES=()   # targets in the order they ran, for the summary
FAILED=0
LAUNCHED_PID=""

die() { echo "run-load.sh: $*" >&2; exit 1; }

parse_args() {
  while (($#)); do
    [[ "$1" == -h || "$1" == --help ]] && { awk 'NR > 1 && !/^#/ { exit } NR > 1' "${BASH_SOURCE[0]}"; exit 0; }
    [[ $# -ge 2 ]] || die "option '$1' needs a value (see --help)"
    case "$1" in
      --server-cert) SERVER_CERT="$2" ;;
      --server-key) SERVER_KEY="$2" ;;
      --client-cert) CLIENT_CERT="$2" ;;
      --client-key) CLIENT_KEY="$2" ;;
      --ca) CA="$2" ;;
      --connections) CONNECTIONS="$2" ;;
      --warmup-seconds) WARMUP_SECONDS="$2" ;;
      --duration-seconds) DURATION_SECONDS="$2" ;;
      --out-dir) OUT_DIR="$2" ;;
      *) die "unknown option '$1' (see --help)" ;;
    esac
    shift 2
  done
  local cpu
  for cpu in "$LOAD_CPU" "$TARGET_CPU" ${BACKEND_CPU:+"$BACKEND_CPU"}; do
    taskset -c "$cpu" true 2>/dev/null || die "cannot pin to CPU '$cpu' (this machine has $(nproc) CPUs)"
  done
}

build() {
  [[ "${PTG_SKIP_BUILD:-0}" == 1 ]] && return
  echo "== building Release"
  dotnet build "$HARNESS_PROJECT" -c Release --nologo -v quiet
  dotnet build "$GATEWAY_PROJECT" -c Release --nologo -v quiet
}

# The gateway writes its sandbox PKI and a matching configuration (ports below) into the output
# folder; certificates given through PTG_* win over the generated ones.
prepare_pki() {
  local dir="$OUT_DIR/sandbox"
  dotnet "$GATEWAY_DLL" sandbox --dir "$dir" --pki-only \
    --partner-port "$GATEWAY_PORT" --admin-port "$ADMIN_PORT" --backend-port "$BACKEND_PORT" >/dev/null
  GATEWAY_CONFIG="$dir/gateway.json"
  SERVER_CERT="${SERVER_CERT:-$dir/pki/gateway.crt}"
  SERVER_KEY="${SERVER_KEY:-$dir/pki/gateway.key}"
  CLIENT_CERT="${CLIENT_CERT:-$dir/pki/plan-a-claims-sync.crt}"
  CLIENT_KEY="${CLIENT_KEY:-$dir/pki/plan-a-claims-sync.key}"
  CA="${CA:-$dir/pki/gateway-ca.crt}"
  local name
  for name in SERVER_CERT SERVER_KEY CLIENT_CERT CLIENT_KEY CA; do
    [[ -n "${!name}" && -f "${!name}" ]] || die "$name: '${!name}' is not a file"
  done
}

# launch NAME CPUS COMMAND...: start COMMAND in the background (pinned when CPUS is set), log to OUT_DIR/NAME.log.
launch() {
  local name="$1" cpus="$2"
  shift 2
  if [[ -n "$cpus" ]]; then
    taskset -c "$cpus" "$@" >"$OUT_DIR/$name.log" 2>&1 &
  else
    "$@" >"$OUT_DIR/$name.log" 2>&1 &
  fi
  LAUNCHED_PID=$!
  STARTED_PIDS+=("$LAUNCHED_PID")
}

# wait_for_port NAME PORT PID: until 127.0.0.1:PORT accepts TCP connections, or the process dies, or 30 s pass.
wait_for_port() {
  local name="$1" port="$2" pid="$3" attempt
  for attempt in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$OUT_DIR/$name.log" >&2; die "$name exited before listening"; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  die "$name did not accept connections on 127.0.0.1:$port within 30 s"
}

# stop_process PID: SIGTERM (graceful host shutdown), SIGKILL after 10 s.
stop_process() {
  local pid="$1" attempt
  kill -TERM "$pid" 2>/dev/null || true
  for attempt in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  local remaining=() started
  for started in "${STARTED_PIDS[@]}"; do
    [[ "$started" == "$pid" ]] || remaining+=("$started")
  done
  STARTED_PIDS=("${remaining[@]}")
}

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    stop_process "$pid"
  done
}

start_backend() {
  launch backend "$BACKEND_CPU" dotnet "$GATEWAY_DLL" sample-backend --port "$BACKEND_PORT"
}

start_bare_yarp() {
  local port="$1"
  launch bare-yarp "$TARGET_CPU" dotnet "$HARNESS_DLL" bare-yarp --port "$port" \
    --server-cert "$SERVER_CERT" --server-key "$SERVER_KEY" --backend "http://127.0.0.1:$BACKEND_PORT"
}

start_gateway() {
  # The port is the one prepare_pki wrote into the configuration. Logs at Warning, like bare YARP.
  launch gateway "$TARGET_CPU" env Serilog__MinimumLevel__Default=Warning \
    Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning \
    dotnet "$GATEWAY_DLL" serve --config "$GATEWAY_CONFIG"
}

# bench_target NAME PORT START_FUNCTION [extra load options...]: start, wait, load, stop, keep the JSON report.
bench_target() {
  local name="$1" port="$2" start="$3"
  shift 3
  echo "== $name on 127.0.0.1:$port (target CPU $TARGET_CPU, load CPU $LOAD_CPU)"
  "$start" "$port"
  local pid="$LAUNCHED_PID"
  wait_for_port "$name" "$port" "$pid"
  if [[ "$name" == gateway* ]]; then
    # A real certificate-bound token from the gateway's own token endpoint (5-minute lifetime, so one per round).
    local token
    token=$(curl -s --fail --cacert "$CA" --cert "$CLIENT_CERT" --key "$CLIENT_KEY" \
      -d grant_type=client_credentials "https://127.0.0.1:$port/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') \
      || die "could not get a token from the gateway (see $OUT_DIR/$name.log)"
    set -- "$@" --header "Authorization: Bearer $token"
  fi
  if ! taskset -c "$LOAD_CPU" dotnet "$HARNESS_DLL" load --url "https://127.0.0.1:$port$REQUEST_PATH" \
    --client-cert "$CLIENT_CERT" --client-key "$CLIENT_KEY" --ca "$CA" --connections "$CONNECTIONS" \
    --warmup-seconds "$WARMUP_SECONDS" --duration-seconds "$DURATION_SECONDS" \
    --label "$name" --json-out "$OUT_DIR/$name.json" "$@"; then
    echo "run-load.sh: load against $name failed (see $OUT_DIR/$name.log)" >&2
    FAILED=1
  fi
  stop_process "$pid"
  [[ -f "$OUT_DIR/$name.json" ]] && TARGET_NAMES+=("$name")
  return 0
}

summarize() {
  python3 - "$OUT_DIR" "${TARGET_NAMES[@]}" <<'PY'
import json, os, sys

out_dir, names = sys.argv[1], sys.argv[2:]
reports = {n: json.load(open(os.path.join(out_dir, n + ".json"))) for n in names}
print()
print(f"{'target':<14}{'rps':>12}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>10}{'transport':>11}")
for n, r in reports.items():
    print(f"{n:<14}{r['rps']:>12.1f}{r['p50Ms']:>10.3f}{r['p99Ms']:>10.3f}{r['errors']:>10}{r['transportErrors']:>11}")
rounds = sorted({n.rsplit("-", 1)[1] for n in names})
for rnd in rounds:
    g, b = reports.get(f"gateway-{rnd}"), reports.get(f"bare-yarp-{rnd}")
    if g and b and b["rps"] > 0 and b["p50Ms"] > 0 and b["p99Ms"] > 0:
        print(f"round {rnd}: gateway / bare-yarp: rps {g['rps'] / b['rps']:.3f}, "
              f"p50 {g['p50Ms'] / b['p50Ms']:.3f}, p99 {g['p99Ms'] / b['p99Ms']:.3f}")
    else:
        print(f"round {rnd}: gateway / bare-yarp: n/a (both targets must have run)")
PY
}

main() {
  parse_args "$@"
  mkdir -p "$OUT_DIR"
  trap cleanup EXIT
  build
  prepare_pki
  echo "== results in $OUT_DIR"

  start_backend
  wait_for_port backend "$BACKEND_PORT" "$LAUNCHED_PID"
  local backend_pid="$LAUNCHED_PID"

  # One call per target and round: bench_target NAME PORT START_FUNCTION [extra load options...]
  local round
  for round in $(seq 1 "$ROUNDS"); do
    bench_target "bare-yarp-$round" "$BARE_YARP_PORT" start_bare_yarp
    bench_target "gateway-$round" "$GATEWAY_PORT" start_gateway
  done

  stop_process "$backend_pid"
  summarize | tee "$OUT_DIR/summary.txt"
  return "$FAILED"
}

main "$@"
