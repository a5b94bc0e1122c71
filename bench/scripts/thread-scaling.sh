#!/usr/bin/env bash
# How botengine's throughput scales with threads: times `botengine flows` (CSV written) and `botengine run` (all
# stages, every output written) with --threads 1, 2, ... on one capture given as a single file and split into
# SPLIT files (editcap -c). A single file is read by one reader whose flow table is sharded by key hash over the
# threads; a split capture is read several files at once. Rounds are interleaved (each round runs every case once)
# so machine noise hits all cases alike; the table gives medians, CPU seconds, packets/s and the speed-up over
# --threads 1. The split files are deleted at the end.
#
# Usage: bench/scripts/thread-scaling.sh [CAPTURE=/work/bigdata/mix10m.pcap] [ROUNDS=3]
#   THREADS="1 2"  thread counts (default: 1 to the number of cores); SPLIT=4 files in the split input
#   VERBS="flows run"; WORK=DIR where the split files and outputs go (default: a temporary folder beside CAPTURE)
#   BOTENGINE=PATH   measure that botengine instead of installing one
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
capture=${1:-/work/bigdata/mix10m.pcap}
rounds=${2:-3}
threads=${THREADS:-$(seq -s ' ' 1 "$(nproc)")}
split=${SPLIT:-4}
verbs=${VERBS:-"flows run"}
[ -f "$capture" ] || { echo "thread-scaling: $capture not found (bench/scripts/make-mix.sh builds one)" >&2; exit 1; }
for tool in capinfos editcap; do command -v $tool >/dev/null || { echo "thread-scaling: $tool missing (apt-get install tshark)" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "thread-scaling: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d "${WORK:-$(dirname "$capture")}/thread-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT

# botengine as a user installs it (the native build); BOTENGINE=path measures another build.
source "$here/bench/scripts/botengine-to-measure.sh"
botengine=$(botengine_to_measure "$work/install")

packets=$(capinfos -T -r -M -c "$capture" | tail -1 | cut -f2)
mkdir "$work/split"
editcap -F pcap -c $(((packets + split - 1) / split)) "$capture" "$work/split/part.pcap"
echo "thread-scaling: $packets packets; split into $(ls "$work/split" | wc -l) files" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A wall cpu
inputs="single split"
for ((r = 1; r <= rounds; r++)); do
  for input in $inputs; do
    [ "$input" = single ] && source=$capture || source=$work/split
    for verb in $verbs; do
      for t in $threads; do
        rm -rf "$work/out" "$work/out.csv"
        case "$verb" in
          flows) set -- "$botengine" flows "$source" --format csv --out "$work/out.csv" --threads "$t" -q ;;
          *)     set -- "$botengine" "$verb" "$source" --out "$work/out" --threads "$t" -q ;;
        esac
        /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" \
          || { echo "thread-scaling: $verb $input --threads $t failed: $(tail -2 "$work/err")" >&2; exit 1; }
        read -r w u s < "$work/time"
        key="$input $verb $t"
        wall[$key]+="$w "; cpu[$key]+="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') "
        echo "round $r $key: ${w}s wall" >&2
      done
    done
  done
done
rm -rf "$work/out" "$work/out.csv"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
printf '\ncapture: %s (%s packets), single file and %s files, %s rounds, %s cores, load average before %s, after %s\n\n' \
  "$capture" "$packets" "$split" "$rounds" "$(nproc)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| input | verb | threads | median wall (s) | CPU (s) | packets/s | speed-up |\n|---|---|---:|---:|---:|---:|---:|\n'
for input in $inputs; do
  label=$([ "$input" = single ] && echo "1 file" || echo "$split files")
  for verb in $verbs; do
    base=""
    for t in $threads; do
      key="$input $verb $t"
      w=$(median <<<"${wall[$key]}"); c=$(median <<<"${cpu[$key]}")
      [ -n "$base" ] || base=$w
      printf '| %s | %s | %s | %.2f | %.2f | %s | %s |\n' "$label" "$verb" "$t" "$w" "$c" \
        "$(awk -v p="$packets" -v w="$w" 'BEGIN { printf "%.2fM", p / w / 1e6 }')" "$(awk -v b="$base" -v w="$w" 'BEGIN { printf "%.2f", b / w }')"
    done
  done
done
