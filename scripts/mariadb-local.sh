#!/usr/bin/env bash
# A throwaway local MariaDB for botengine (users without a server, the integration tests, the benchmarks, .ci/run).
# It lives entirely in one data folder, listens on 127.0.0.1:<port> and a unix socket in that folder, has
# local_infile on (LOAD DATA LOCAL, which `botengine load` uses) and a passwordless root that only the local
# machine can reach. Nothing system-wide is configured or started.
#
# Usage: scripts/mariadb-local.sh start|stop|status|env
#   start   initialise the data folder if needed, start the server, wait until it answers, create the database
#   stop    shut the server down (the data folder stays; delete it to forget everything)
#   status  exit 0 when the server answers
#   env     print `export BOTENGINE_DB=...` for this server (eval "$(scripts/mariadb-local.sh env)")
# Settings (environment):
#   BOTENGINE_MARIADB_PORT  TCP port (default 3407)
#   BOTENGINE_MARIADB_DIR   data folder (default ${TMPDIR:-/tmp}/botengine-mariadb-<uid>-<port>)
#   BOTENGINE_MARIADB_DB    database name (default botengine)
#   BOTENGINE_MARIADB_BUFFER_POOL  innodb_buffer_pool_size (default 1G; bench/load-rate.sh uses 4G so that a
#                           10M-packet load with --packets, about 2 GB of rows, stays in memory)
#   BOTENGINE_MARIADB_REDO  innodb_log_file_size (default 512M; bench/load-rate.sh uses 4G, more than a 10M-packet load with --packets writes: no checkpoint
#                           forces dirty pages out in the middle of the load)
# The server is tuned for bulk loads of a disposable database (docs/storage.md "Server settings" says what a
# production server would change):
#   innodb_flush_log_at_trx_commit=2  a commit is written to the redo log at once but fsynced once a second: a
#                                     killed server loses nothing, a power cut loses the last second
#   innodb_doublewrite=0              pages are written once, not twice; a power cut can tear a page
#   skip-log-bin                      no binary log (no replication, no point-in-time recovery)
#   innodb_buffer_pool_size, innodb_log_file_size, innodb_log_buffer_size   large, see the settings above
#   innodb_adaptive_hash_index=0, performance_schema=0   no per-row bookkeeping a bulk load does not use
# Do not keep data you cannot reload in it.
set -euo pipefail
port=${BOTENGINE_MARIADB_PORT:-3407}
dir=${BOTENGINE_MARIADB_DIR:-${TMPDIR:-/tmp}/botengine-mariadb-$(id -u)-$port}
db=${BOTENGINE_MARIADB_DB:-botengine}
buffer_pool=${BOTENGINE_MARIADB_BUFFER_POOL:-1G}
redo=${BOTENGINE_MARIADB_REDO:-512M}
datadir=$dir/data
socket=$dir/mariadb.sock
pidfile=$dir/mariadb.pid
log=$dir/mariadb.err

find_tool() { # first of the names on PATH, /usr/sbin or /usr/bin
  local name
  for name in "$@"; do
    command -v "$name" 2>/dev/null && return 0
    for d in /usr/sbin /usr/bin /usr/local/bin /usr/local/sbin; do
      [ -x "$d/$name" ] && { echo "$d/$name"; return 0; }
    done
  done
  return 1
}

client() { "$(find_tool mariadb mysql)" --no-defaults --protocol=socket --socket="$socket" -uroot "$@"; }

answers() { [ -S "$socket" ] && "$(find_tool mariadb-admin mysqladmin)" --no-defaults --protocol=socket --socket="$socket" -uroot ping >/dev/null 2>&1; }

connection_string() { echo "Server=127.0.0.1;Port=$port;User ID=root;Database=$db;AllowLoadLocalInfile=true"; }

start() {
  local server install user
  server=$(find_tool mariadbd mysqld) || { echo "mariadb-local: mariadbd not found (apt-get install mariadb-server)" >&2; exit 2; }
  install=$(find_tool mariadb-install-db mysql_install_db) || { echo "mariadb-local: mariadb-install-db not found" >&2; exit 2; }
  if answers; then
    echo "mariadb-local: already running on 127.0.0.1:$port ($dir)" >&2
  else
    mkdir -p "$dir"
    user=$(id -un) # mariadbd refuses to run as root unless told --user=root
    if [ ! -d "$datadir/mysql" ]; then
      echo "mariadb-local: initialising $datadir" >&2
      "$install" --no-defaults --datadir="$datadir" --user="$user" --auth-root-authentication-method=normal \
        --skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 2; }
    fi
    echo "mariadb-local: starting on 127.0.0.1:$port" >&2
    # setsid + nohup: the server outlives this script and the test process that called it, until `stop`.
    setsid nohup "$server" --no-defaults --user="$user" --datadir="$datadir" --socket="$socket" --pid-file="$pidfile" \
      --port="$port" --bind-address=127.0.0.1 --log-error="$log" --local-infile=1 --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
      --innodb-buffer-pool-size="$buffer_pool" --innodb-log-file-size="$redo" --innodb-log-buffer-size=64M \
      --innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 --skip-log-bin \
      --innodb-adaptive-hash-index=0 --performance-schema=0 \
      --max-allowed-packet=256M --max-connections=200 </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 120); do
      answers && break
      sleep 0.25
    done
    answers || { echo "mariadb-local: the server did not start; its log ($log) ends with:" >&2; tail -20 "$log" >&2 2>/dev/null; exit 2; }
  fi
  client -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  connection_string
}

stop() {
  if answers; then
    "$(find_tool mariadb-admin mysqladmin)" --no-defaults --protocol=socket --socket="$socket" -uroot shutdown
    echo "mariadb-local: stopped (data kept in $dir)" >&2
  elif [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"
    echo "mariadb-local: stopped pid $(cat "$pidfile")" >&2
  else
    echo "mariadb-local: not running" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  env) echo "export BOTENGINE_DB='$(connection_string)'" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 1 ;;
esac
