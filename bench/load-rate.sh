#!/usr/bin/env bash
# Storage throughput, reproducibly: starts a throwaway MariaDB (scripts/mariadb-local.sh, port 3499 unless
# BOTENGINE_MARIADB_PORT is set), then measures
#   1. flow rows/s of the bulk-load path with synthetic flows (BenchmarkDotNet: FlowBulkLoadBenchmarks, 200k rows
#      per operation, one connection and two connections at once), and
#   2. `botengine load` of the real-capture mix (bench/make-capture-mix.sh, ~10M packets) without and with --packets,
#      printing wall time, packets/s, rows/s, and the CPU seconds of the client and of the server.
# Usage: bench/load-rate.sh [--no-bdn] [--no-mix] [MIX_DIR]      Leaves the server running when KEEP_SERVER=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bdn=1 mix=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-bdn) bdn=0 ;;
    --no-mix) mix=0 ;;
    *) break ;;
  esac
  shift
done
mix_dir=${1:-/tmp/botengine-capture-mix}
export BOTENGINE_MARIADB_PORT=${BOTENGINE_MARIADB_PORT:-3499}
export BOTENGINE_MARIADB_DIR=${BOTENGINE_MARIADB_DIR:-${TMPDIR:-/tmp}/botengine-bench-mariadb}
rm -rf "$BOTENGINE_MARIADB_DIR" # a fresh server every time: the numbers should not depend on earlier runs
"$root/scripts/mariadb-local.sh" start >/dev/null
eval "$("$root/scripts/mariadb-local.sh" env)"
[ "${KEEP_SERVER:-0}" = 1 ] || trap '"$root/scripts/mariadb-local.sh" stop' EXIT
server_pid=$(cat "$BOTENGINE_MARIADB_DIR/mariadb.pid")
server_cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$server_pid/stat"; }

echo "machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $(mariadbd --version 2>/dev/null || mysqld --version)"

if [ "$bdn" = 1 ]; then
  dotnet run -c Release --project "$root/bench/BotCapturer.Benchmarks" -- --filter '*FlowBulkLoadBenchmarks*' --buildTimeout 1200 \
    | grep -E '^\| *(Method|OneConnection|TwoConnections)' || true
  echo "(Mean is per flow row: rows/s = 1 s / Mean)"
fi

if [ "$mix" = 1 ]; then
  "$root/bench/make-capture-mix.sh" "$mix_dir"
  dotnet build -c Release "$root/src/BotCapturer.Cli" -v q -nologo >/dev/null
  botengine=(dotnet "$root/src/BotCapturer.Cli/bin/Release/net10.0/botengine.dll")
  "${botengine[@]}" init
  for run in "1 flows" "2 flows+packets"; do
    set -- $run
    extra=()
    [ "$2" = "flows+packets" ] && extra=(--packets)
    before=$(server_cpu)
    /usr/bin/time -f "client: %e s wall, %U s user, %S s system, %M KiB max RSS" \
      "${botengine[@]}" load "$mix_dir" --group "$1" --name "mix $2" "${extra[@]}" 2>&1 | grep -E '^(botengine: group|client:)'
    echo "server: $(echo "$(server_cpu) - $before" | bc) s CPU  (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
  done
  "${botengine[@]}" status
fi
