#!/usr/bin/env bash
# Storage throughput, reproducibly: starts a throwaway MariaDB (scripts/mariadb-local.sh, port 3499 unless
# BOTENGINE_MARIADB_PORT is set; 4G buffer pool, 4G redo log), then measures
#   1. flow rows/s of the bulk-load path with synthetic flows (BenchmarkDotNet: FlowBulkLoadBenchmarks, 200k rows
#      per operation, one connection and two connections at once),
#   2. `botengine load` of a real-capture mix: flows on one connection per file (--connections-per-file 1), flows
#      with the default (a lone large file through --threads connections as one XA transaction), and --packets: wall time, packets/s, flow and packet
#      rows/s, CPU seconds of the client and of the server, and `botengine flows` of the same input (the client's
#      work without the database) for comparison,
#   3. where the server's time goes (--breakdown): up to 500k of the loaded flow rows exported as TSV and loaded
#      again with the mariadb client into a BLACKHOLE copy of `flows` (LOAD DATA's parsing and field conversion
#      only) and into an InnoDB copy (parsing + row inserts), LOAD and COMMIT timed apart, with the server's own
#      SHOW GLOBAL STATUS deltas.
# The measured processes run at nice -5 (the server is reniced when allowed): the machine is shared, so every
# figure is printed with the load average.
# Usage: bench/load-rate.sh [--no-bdn] [--no-mix] [--no-packets] [--breakdown] [MIX]
#   MIX: a capture file or a folder of them (default /tmp/botengine-capture-mix, built by bench/make-capture-mix.sh
#   when absent). Leaves the server running when KEEP_SERVER=1. BOTENGINE=PATH loads with that botengine instead of
#   installing one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bdn=1 mix=1 packets=1 breakdown=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-bdn) bdn=0 ;;
    --no-mix) mix=0 ;;
    --no-packets) packets=0 ;;
    --breakdown) breakdown=1 ;;
    *) break ;;
  esac
  shift
done
mix_input=${1:-/tmp/botengine-capture-mix}
export BOTENGINE_MARIADB_PORT=${BOTENGINE_MARIADB_PORT:-3499}
export BOTENGINE_MARIADB_DIR=${BOTENGINE_MARIADB_DIR:-${TMPDIR:-/tmp}/botengine-bench-mariadb}
export BOTENGINE_MARIADB_BUFFER_POOL=${BOTENGINE_MARIADB_BUFFER_POOL:-4G}
export BOTENGINE_MARIADB_REDO=${BOTENGINE_MARIADB_REDO:-4G}
rm -rf "$BOTENGINE_MARIADB_DIR" # a fresh server every time: the numbers should not depend on earlier runs
"$root/scripts/mariadb-local.sh" start >/dev/null
eval "$("$root/scripts/mariadb-local.sh" env)"
installed=""
cleanup() {
  [ -z "$installed" ] || rm -rf "$installed"
  [ "${KEEP_SERVER:-0}" = 1 ] || "$root/scripts/mariadb-local.sh" stop
}
trap cleanup EXIT
server_pid=$(cat "$BOTENGINE_MARIADB_DIR/mariadb.pid")
for task in /proc/"$server_pid"/task/*; do renice -n -5 -p "${task##*/}" >/dev/null 2>&1 || true; done
sql() { mariadb --no-defaults --protocol=socket --socket="$BOTENGINE_MARIADB_DIR/mariadb.sock" -uroot --local-infile=1 -N botengine "$@"; }
server_cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$server_pid/stat"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
status_of() { sql -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_rows_inserted','Innodb_os_log_written','Innodb_data_written','Innodb_buffer_pool_pages_flushed','Innodb_log_waits','Handler_write')"; }
status_delta() { # before-file after-file
  join "$1" "$2" | awk '{ printf "  %s +%d\n", $1, $3 - $2 }'
}

echo "machine: $(nproc) cores, $(uname -r), load average $(load_average)"
echo "server: $(mariadbd --version 2>/dev/null || /usr/sbin/mariadbd --version), nice $(ps -o ni= -p "$server_pid" | tr -d ' ')"

if [ "$bdn" = 1 ]; then
  nice -n -5 dotnet run -c Release --project "$root/bench/BotCapturer.Benchmarks" -- --filter '*FlowBulkLoadBenchmarks*' '*FlowTsvFormatBenchmarks*' --buildTimeout 1200 \
    | grep -E '^\| *(Method|OneConnection|TwoConnections|OneFileTwoConnections|FormatFlowRows)' || true
  echo "(Mean is per flow row: rows/s = 1 s / Mean; load average after: $(load_average))"
fi

if [ "$mix" = 1 ]; then
  [ -e "$mix_input" ] || "$root/bench/make-capture-mix.sh" "$mix_input"
  # botengine as a user installs it (the native build); BOTENGINE=path measures another build.
  source "$root/bench/scripts/botengine-to-measure.sh"
  installed=$(mktemp -d)
  botengine=("$(botengine_to_measure "$installed")")
  "${botengine[@]}" init
  echo "input: $mix_input ($(du -sh "$mix_input" | cut -f1))"
  /usr/bin/time -f "flows (no database): %e s wall, %U s user, %S s system (load average $(load_average))" \
    nice -n -5 "${botengine[@]}" flows "$mix_input" -o /dev/null -q
  runs=("1 flows-1-connection" "3 flows")
  [ "$packets" = 1 ] && runs+=("2 flows+packets")
  for run in "${runs[@]}"; do
    set -- $run
    extra=()
    [ "$2" = "flows+packets" ] && extra=(--packets)
    [ "$2" = "flows-1-connection" ] && extra=(--connections-per-file 1)
    status_of | sort >"$BOTENGINE_MARIADB_DIR/status.before"
    before=$(server_cpu)
    echo "== load $2 (load average before $(load_average))"
    /usr/bin/time -f "client: %e s wall, %U s user, %S s system, %M KiB max RSS" \
      nice -n -5 "${botengine[@]}" load "$mix_input" --group "$1" --name "mix $2" "${extra[@]}" 2>&1 | grep -E '^(botengine: group|client:)'
    echo "server: $(echo "$(server_cpu) - $before" | bc) s CPU  (load average after $(load_average))"
    status_of | sort >"$BOTENGINE_MARIADB_DIR/status.after"
    status_delta "$BOTENGINE_MARIADB_DIR/status.before" "$BOTENGINE_MARIADB_DIR/status.after"
  done
  "${botengine[@]}" status
fi

if [ "$breakdown" = 1 ]; then
  # Where the server's time goes, on real flow rows (those of group 1 above).
  tsv=$BOTENGINE_MARIADB_DIR/breakdown.tsv
  rm -f "$tsv"
  sql -e "SELECT * FROM flows WHERE group_id = 1 ORDER BY group_id, file_id, seq LIMIT 500000 INTO OUTFILE '$tsv' CHARACTER SET binary"
  rows=$(sql -e "SELECT COUNT(*) FROM (SELECT 1 FROM flows WHERE group_id = 1 LIMIT 500000) t") # not wc -l: escaped newlines in payloads
  sql -e "INSTALL SONAME 'ha_blackhole'" 2>/dev/null || true
  load_into() { # label table
    local c0 t0 t1 c1 commit_us
    sql -e "DROP TABLE IF EXISTS $2; CREATE TABLE $2 LIKE flows"
    [ "$2" = bd_blackhole ] && sql -e "ALTER TABLE $2 ENGINE=BLACKHOLE"
    status_of | sort >"$BOTENGINE_MARIADB_DIR/status.before"
    c0=$(server_cpu) t0=$(now)
    commit_us=$(nice -n -5 mariadb --no-defaults --protocol=socket --socket="$BOTENGINE_MARIADB_DIR/mariadb.sock" -uroot --local-infile=1 -N botengine \
      -e "START TRANSACTION; LOAD DATA LOCAL INFILE '$tsv' INTO TABLE $2 CHARACTER SET binary FIELDS TERMINATED BY '\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\n'; SET @c = NOW(6); COMMIT; SELECT TIMESTAMPDIFF(MICROSECOND, @c, NOW(6));")
    t1=$(now) c1=$(server_cpu)
    awk -v n="$rows" -v l="$1" -v w="$(echo "$t1 - $t0" | bc)" -v c="$(echo "$c1 - $c0" | bc)" -v cu="$commit_us" -v la="$(load_average)" \
      'BEGIN { printf "%-30s %6.2f s wall (%.0f rows/s), %5.2f s server CPU = %.2f us/row, of which COMMIT %.3f s wall; load average %s\n", l, w, n / w, c, c * 1e6 / n, cu / 1e6, la }'
    status_of | sort >"$BOTENGINE_MARIADB_DIR/status.after"
    status_delta "$BOTENGINE_MARIADB_DIR/status.before" "$BOTENGINE_MARIADB_DIR/status.after"
  }
  echo "== server breakdown on $rows real flow rows (TSV $(du -h "$tsv" | cut -f1))"
  load_into "BLACKHOLE (parse+convert)" bd_blackhole
  load_into "InnoDB (parse+convert+insert)" bd_innodb
  sql -e "DROP TABLE IF EXISTS bd_blackhole, bd_innodb"
fi
