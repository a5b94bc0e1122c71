#!/usr/bin/env bash
# Peak memory of botengine against capture size: builds an N× capture from a 1× one by appending N-1 copies, each
# shifted in time past the end of the one before (editcap -t, mergecap -a; by the span capinfos reports, which for a
# capture not in time order is not its full span), so the N× capture is the same traffic
# N times over, one copy after another. Runs `botengine flows` and `botengine run` on 1× and N× under
# /usr/bin/time -f %M and prints peak RSS of each and the N×/1× ratio. The N× capture is deleted at the end.
#
# Usage: bench/scripts/memory-scaling.sh [CAPTURE=/work/bigdata/mix10m.pcap] [COPIES=4]
#   WORK=DIR   where the N× capture and the outputs go (default: a temporary folder beside CAPTURE)
#   KEEP=1     keep the N× capture as CAPTURE's name with .xN.pcap beside it (and reuse it when it is already there)
#   VERBS="flows run"   which botengine verbs to measure; EXTRA="--threads 1" extra botengine options
#   BOTENGINE=PATH   measure that botengine instead of installing one
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
capture=${1:-/work/bigdata/mix10m.pcap}
copies=${2:-4}
verbs=${VERBS:-"flows run"}
extra=${EXTRA:-}
[ -f "$capture" ] || { echo "memory-scaling: $capture not found (bench/scripts/make-mix.sh builds one)" >&2; exit 1; }
[ "$copies" -ge 2 ] || { echo "memory-scaling: COPIES must be at least 2" >&2; exit 1; }
for tool in capinfos editcap mergecap; do command -v $tool >/dev/null || { echo "memory-scaling: $tool missing (apt-get install tshark)" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "memory-scaling: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d "${WORK:-$(dirname "$capture")}/memory-scaling.XXXXXX")
trap 'rm -rf "$work" "${big:-}.part"' EXIT

# botengine as a user installs it (the native build); BOTENGINE=path measures another build.
source "$here/bench/scripts/botengine-to-measure.sh"
botengine=$(botengine_to_measure "$work/install")

# 1. the N× capture: copy i is shifted by i × (span + 60 s), so no copy's flows overlap another's in time
info=$(capinfos -T -r -M -c -a -e -S "$capture" | tail -1)
packets=$(cut -f2 <<<"$info"); first=$(cut -f3 <<<"$info"); last=$(cut -f4 <<<"$info")
shift_s=$(awk -v f="$first" -v l="$last" 'BEGIN { printf "%.0f", l - f + 60 }')
awk -v l="$last" -v s="$shift_s" -v n="$copies" 'BEGIN { exit !(l + (n - 1) * s >= 4294967296) }' \
  && { echo "memory-scaling: $copies copies would shift timestamps past 2106 (32-bit pcap seconds)" >&2; exit 1; }
big="$work/x$copies.pcap"
[ "${KEEP:-}" != 1 ] || big="${capture%.*}.x$copies.pcap"
if [ ! -f "$big" ]; then
  parts=("$capture")
  for ((i = 1; i < copies; i++)); do
    editcap -F pcap -t $((i * shift_s)) "$capture" "$work/copy$i.pcap"
    parts+=("$work/copy$i.pcap")
  done
  mergecap -F pcap -a -w "$big.part" "${parts[@]}"
  mv "$big.part" "$big"
  rm -f "$work"/copy*.pcap
fi
echo "memory-scaling: 1x = $packets packets, ${copies}x = $(capinfos -T -r -M -c "$big" | tail -1 | cut -f2) packets, copies ${shift_s}s apart" >&2

# 2. peak RSS (KiB) and wall time of one verb on one capture
measure() {
  local verb=$1 file=$2
  rm -rf "$work/out"
  case "$verb" in
    flows) set -- "$botengine" flows "$file" --format csv --out "$work/out.csv" -q $extra ;;
    *)     set -- "$botengine" "$verb" "$file" --out "$work/out" -q $extra ;;
  esac
  BOTENGINE_RUNTIME_STATS=${BOTENGINE_RUNTIME_STATS:-} /usr/bin/time -f "%M %e" -o "$work/time" "$@" >/dev/null 2>"$work/err" \
    || { echo "memory-scaling: $verb failed: $(tail -3 "$work/err")" >&2; exit 1; }
  [ -z "${BOTENGINE_RUNTIME_STATS:-}" ] || grep '^runtime:' "$work/err" | sed "s/^/  $verb $(basename "$file"): /" >&2 || true
  rm -rf "$work/out" "$work/out.csv"
  cat "$work/time"
}

printf '\ncapture: %s (%s packets), %s copies, %s cores, load average %s\n\n' "$capture" "$packets" "$copies" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| verb | 1x peak RSS (MiB) | 1x wall (s) | %sx peak RSS (MiB) | %sx wall (s) | RSS %sx / 1x |\n|---|---:|---:|---:|---:|---:|\n' "$copies" "$copies" "$copies"
status=0
for verb in $verbs; do
  read -r m1 w1 < <(measure "$verb" "$capture")
  read -r mn wn < <(measure "$verb" "$big")
  ratio=$(awk -v a="$m1" -v b="$mn" 'BEGIN { printf "%.2f", b / a }')
  printf '| %s | %d | %.1f | %d | %.1f | %s |\n' "$verb $extra" $((m1 / 1024)) "$w1" $((mn / 1024)) "$wn" "$ratio"
  if [ "$verb" = run ]; then
    awk -v r="$ratio" -v m="$mn" 'BEGIN { exit !(r > 1.3 || m > 1048576) }' && { echo "memory-scaling: run exceeds 1.3x or 1 GiB" >&2; status=3; }
  fi
done
exit $status
