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
#   PTG_BACKEND_PORT (18080)  PTG_BARE_YARP_PORT (19443)  PTG_GATEWAY_PORT (19444)
#   PTG_PATH (/fhir/Patient/member-1001)  PTG_CONNECTIONS (8)  PTG_WARMUP_SECONDS (5)  PTG_DURATION_SECONDS (20)
#   PTG_LOAD_CPU (0)  PTG_TARGET_CPU (1)  PTG_BACKEND_CPU (empty: not pinned)
#   PTG_BACKEND_CMD  sample backend command until start_backend is filled in (see PLACEHOLDER below)
#   PTG_OUT_DIR (.loadrun/<timestamp>)  PTG_SKIP_BUILD=1 to reuse the last Release build
# Keys never go into the repository: keep them outside it or under .loadrun/ (ignored by git).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS_PROJECT="$REPO/bench/PayerTrustGateway.LoadHarness"
HARNESS_DLL="$HARNESS_PROJECT/bin/Release/net10.0/PayerTrustGateway.LoadHarness.dll"

SERVER_CERT="${PTG_SERVER_CERT:-}"
SERVER_KEY="${PTG_SERVER_KEY:-}"
CLIENT_CERT="${PTG_CLIENT_CERT:-}"
CLIENT_KEY="${PTG_CLIENT_KEY:-}"
CA="${PTG_CA:-}"
BACKEND_PORT="${PTG_BACKEND_PORT:-18080}"
BARE_YARP_PORT="${PTG_BARE_YARP_PORT:-19443}"
GATEWAY_PORT="${PTG_GATEWAY_PORT:-19444}"
REQUEST_PATH="${PTG_PATH:-/fhir/Patient/member-1001}"
CONNECTIONS="${PTG_CONNECTIONS:-8}"
WARMUP_SECONDS="${PTG_WARMUP_SECONDS:-5}"
DURATION_SECONDS="${PTG_DURATION_SECONDS:-20}"
LOAD_CPU="${PTG_LOAD_CPU:-0}"
TARGET_CPU="${PTG_TARGET_CPU:-1}"
BACKEND_CPU="${PTG_BACKEND_CPU:-}"
OUT_DIR="${PTG_OUT_DIR:-$REPO/.loadrun/$(date +%Y%m%d-%H%M%S)}"
# Extra options for the load generator against the gateway, e.g. (--header "Authorization: Bearer ...").
LOAD_EXTRA_ARGS=()

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
  local name
  for name in SERVER_CERT SERVER_KEY CLIENT_CERT CLIENT_KEY CA; do
    [[ -n "${!name}" && -f "${!name}" ]] || die "$name: set PTG_$name or pass the option; '${!name}' is not a file"
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
  # PLACEHOLDER(gateway-build): add `dotnet build "$REPO/src/PayerTrustGateway" -c Release --nologo -v quiet`
  # here once the gateway target below is enabled.
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
  # >>> PLACEHOLDER(sample-backend): replace with the sample FHIR backend's start command. It must serve
  #     http://127.0.0.1:$BACKEND_PORT$REQUEST_PATH and stay in the foreground, e.g.
  #     launch backend "$BACKEND_CPU" dotnet "<path to sample backend dll>" --urls "http://127.0.0.1:$BACKEND_PORT"
  [[ -n "${PTG_BACKEND_CMD:-}" ]] || die "no sample backend yet: fill in start_backend or set PTG_BACKEND_CMD"
  launch backend "$BACKEND_CPU" bash -c "exec $PTG_BACKEND_CMD"
  # <<< PLACEHOLDER(sample-backend)
}

start_bare_yarp() {
  local port="$1"
  launch bare-yarp "$TARGET_CPU" dotnet "$HARNESS_DLL" bare-yarp --port "$port" \
    --server-cert "$SERVER_CERT" --server-key "$SERVER_KEY" --backend "http://127.0.0.1:$BACKEND_PORT"
}

start_gateway() {
  local port="$1"
  # >>> PLACEHOLDER(gateway): start the real gateway on https://127.0.0.1:$port with the same server certificate,
  #     a partner registry that trusts $CLIENT_CERT and routes $REQUEST_PATH to http://127.0.0.1:$BACKEND_PORT, e.g.
  #     launch gateway "$TARGET_CPU" dotnet "$REPO/src/PayerTrustGateway/bin/Release/net10.0/PayerTrustGateway.dll" ...
  #     If the gateway needs request headers (a token), pass them to the load generator via LOAD_EXTRA_ARGS below.
  die "start_gateway is a placeholder: fill in the gateway start command"
  # <<< PLACEHOLDER(gateway)
}

# bench_target NAME PORT START_FUNCTION [extra load options...]: start, wait, load, stop, keep the JSON report.
bench_target() {
  local name="$1" port="$2" start="$3"
  shift 3
  echo "== $name on 127.0.0.1:$port (target CPU $TARGET_CPU, load CPU $LOAD_CPU)"
  "$start" "$port"
  local pid="$LAUNCHED_PID"
  wait_for_port "$name" "$port" "$pid"
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
g, b = reports.get("gateway"), reports.get("bare-yarp")
if g and b and b["rps"] > 0 and b["p50Ms"] > 0 and b["p99Ms"] > 0:
    print(f"gateway / bare-yarp: rps {g['rps'] / b['rps']:.3f}, "
          f"p50 {g['p50Ms'] / b['p50Ms']:.3f}, p99 {g['p99Ms'] / b['p99Ms']:.3f}")
else:
    print("gateway / bare-yarp: n/a (both targets must have run)")
PY
}

main() {
  parse_args "$@"
  mkdir -p "$OUT_DIR"
  trap cleanup EXIT
  build
  echo "== results in $OUT_DIR"

  start_backend
  wait_for_port backend "$BACKEND_PORT" "$LAUNCHED_PID"
  local backend_pid="$LAUNCHED_PID"

  # One call per target: bench_target NAME PORT START_FUNCTION [extra load options...]
  bench_target bare-yarp "$BARE_YARP_PORT" start_bare_yarp
  # PLACEHOLDER(gateway): uncomment once start_gateway is filled in.
  # bench_target gateway "$GATEWAY_PORT" start_gateway "${LOAD_EXTRA_ARGS[@]}"

  stop_process "$backend_pid"
  summarize | tee "$OUT_DIR/summary.txt"
  return "$FAILED"
}

main "$@"
