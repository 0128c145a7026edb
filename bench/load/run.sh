#!/usr/bin/env bash
# The load benchmark in one command: builds opinia and opinia_load, installs the Node peer in /tmp/peer,
# then for each server (pinned to core 0; the generator to core 1) runs closed loop, a fixed rate and an
# idle soak, prints the figures and the ratios, and times `opinia import responses` on a generated CSV.
# Only 127.0.0.1 is ever connected to. Knobs: CONNECTIONS, SECONDS, RATE, IDLE, IMPORT_ROWS.
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-200}
seconds=${SECONDS_MEASURED:-10}
# Each side holds one descriptor per idle connection: the soak stays a little under the hard limit.
ulimit -n "$(ulimit -Hn)"
fd_limit=$(ulimit -n)
idle=${IDLE:-$(( fd_limit >= 20100 ? 20000 : fd_limit - 100 ))}
import_rows=${IMPORT_ROWS:-1000000}
build_dir=${OPINIA_BUILD_DIR:-build-bench}
work=$(mktemp -d /tmp/opinia-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPINIA_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j 2 --target opinia opinia_load >/dev/null
if [ ! -d /tmp/peer/node_modules ]; then
  rm -rf /tmp/peer && cp -r ../shared/peer /tmp/peer && (cd /tmp/peer && npm ci --no-audit --no-fund --loglevel=error)
fi
load="taskset -c 1 $build_dir/bench/load/opinia_load"

# Per-IP limits are for the internet; here every client is 127.0.0.1.
cat > "$work/config.json" <<JSON
{"connections_per_ip_per_second": 1000000, "connection_burst_per_ip": 1000000,
 "messages_per_ip_per_second": 10000000, "message_burst_per_ip": 10000000, "max_open_chats_per_ip": 1000000}
JSON

# Starts a server pinned to core 0; sets $server_pid and $server_port.
start_server() {
  local log="$work/$1.log"; shift
  taskset -c 0 "$@" > "$log" 2>"$log.err" &
  server_pid=$!; pids+=("$server_pid")
  for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
  server_port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$log" | head -1)
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
for server in opinia peer; do
  for phase in closed rate idle; do
    rm -f "$work/$server.db"*
    if [ "$server" = opinia ]; then
      start_server "$server-$phase" "$build_dir/server/opinia" serve --db "$work/$server.db" --listen 127.0.0.1:0 --config "$work/config.json"
    else
      start_server "$server-$phase" node /tmp/peer/server.mjs "$work/$server.db" 0
    fi
    case $phase in
      closed) $load --port "$server_port" --pid "$server_pid" --mode closed --connections "$connections" --seconds "$seconds" --label "$server" | tee -a "$work/figures" ;;
      rate) $load --port "$server_port" --pid "$server_pid" --mode rate --rate "${RATE:-5000}" --connections "$connections" --seconds "$seconds" --label "$server" | tee -a "$work/figures" ;;
      idle) $load --port "$server_port" --pid "$server_pid" --mode idle --connections "$idle" --label "$server" | tee -a "$work/figures" ;;
    esac
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  done
done

figure() { grep "^$1 $2:" "$work/figures" | sed -n "s/.* $3=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "ratios (opinia / peer):"
echo "  conversations per server CPU-second (closed loop): $(ratio "$(figure opinia closed conv_per_server_cpu_s)" "$(figure peer closed conv_per_server_cpu_s)")  target >= 3"
echo "  p99 step latency at the fixed rate:                 $(ratio "$(figure opinia rate p99_ms)" "$(figure peer rate p99_ms)")  target <= 0.5"
echo "  idle RSS per connection:                           $(ratio "$(figure opinia idle rss_per_connection_kib)" "$(figure peer idle rss_per_connection_kib)")  target: opinia <= 16 KiB"

# Import: IMPORT_ROWS generated rows, timed end to end with the real command line.
awk -v n="$import_rows" 'BEGIN { print "nps,csat,comment,customer,date"; for (i = 0; i < n; i++)
  printf "%d,%d,\"Comment number %d, quoted\",c%d,2026-01-%02dT10:00:00Z\n", i % 11, 1 + i % 5, i, i % 5000, 1 + i % 28 }' > "$work/import.csv"
start=$(date +%s.%N)
taskset -c 0 "$build_dir/server/opinia" import responses "$work/import.csv" --db "$work/import.db" --flow imported \
  --score nps=nps --score csat=csat --comment comment --customer customer --date date > "$work/import.out"
end=$(date +%s.%N)
awk -v n="$import_rows" -v s="$start" -v e="$end" 'BEGIN { printf "opinia import: rows=%d seconds=%.2f rows_per_s=%.0f  target >= 200000\n", n, e - s, n / (e - s) }'
