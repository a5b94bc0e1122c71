#!/usr/bin/env bash
# Times botengine against the flow tools people would otherwise use, side by side on one capture, in one run:
# each tool runs ROUNDS times, interleaved (so machine noise hits all of them alike), and the median wall time,
# CPU time and peak memory are printed with the ratio to nfpcapd. Builds the 10M-packet mix of ../shared captures
# first when no capture is given.
#
# Usage: bench/scripts/compare-peers.sh [CAPTURE] [ROUNDS=3] [TOOLS="flows nfpcapd argus tshark"]
#   tools: flows (botengine flows --format csv --out /dev/null, as the capture-core issue asks), run (botengine run, all stages, every output written), nfpcapd, argus, tshark
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
capture=${1:-}
rounds=${2:-3}
tools=${3:-"flows run nfpcapd argus tshark"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "$capture" ]; then
  capture=${MIX:-/tmp/botcapturer-mix10m.pcap}
  [ -f "$capture" ] || "$here/bench/scripts/make-mix.sh" "$capture" 10000000
fi
command -v nfpcapd >/dev/null && command -v argus >/dev/null && command -v tshark >/dev/null || \
  bash "$here/scripts/bootstrap.sh" nfdump argus-server argus-client time >&2
# botengine as a user installs it (the native build); BOTENGINE=path times another build.
source "$here/bench/scripts/botengine-to-measure.sh"
botengine=$(botengine_to_measure "$work/install")

command_for() {
  case "$1" in
    flows)   echo "$botengine flows $capture --format csv --out /dev/null -q" ;;
    run)     echo "$botengine run $capture --out $work/run -q" ;;
    nfpcapd) echo "nfpcapd -r $capture -w $work/nf" ;;
    argus)   echo "argus -r $capture -w $work/argus.out" ;;
    tshark)  echo "tshark -r $capture -q -z conv,tcp" ;;
  esac
}

declare -A wall cpu rss
for ((r = 1; r <= rounds; r++)); do
  for tool in $tools; do
    rm -rf "$work/nf" "$work/run" "$work"/*.csv "$work"/argus.out; mkdir -p "$work/nf"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" $(command_for "$tool") >/dev/null 2>"$work/err" || { echo "$tool failed: $(tail -2 "$work/err")" >&2; continue; }
    read -r w u s m < "$work/time"
    wall[$tool]+="$w "; cpu[$tool]+="$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}') "; rss[$tool]+="$m "
    echo "round $r $tool: ${w}s wall, $((m / 1024)) MiB" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
packets=$(capinfos -c -M "$capture" | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
base=$(median <<<"${wall[nfpcapd]:-}")
printf '\ncapture: %s (%s packets), %s rounds, %s cores\n\n' "$capture" "$packets" "$rounds" "$(nproc)"
printf '| tool | median wall (s) | CPU (s) | peak RSS (MiB) | packets/s | nfpcapd wall / tool wall |\n|---|---:|---:|---:|---:|---:|\n'
for tool in $tools; do
  [ -n "${wall[$tool]:-}" ] || continue
  w=$(median <<<"${wall[$tool]}"); c=$(median <<<"${cpu[$tool]}"); m=$(median <<<"${rss[$tool]}")
  ratio=$([ -n "$base" ] && awk -v b="$base" -v w="$w" 'BEGIN{printf "%.2f", b / w}' || echo "-")
  printf '| %s | %.2f | %.2f | %d | %s | %s |\n' "$tool" "$w" "$c" $((${m%.*} / 1024)) "$(awk -v p="$packets" -v w="$w" 'BEGIN{printf "%.2fM", p / w / 1e6}')" "$ratio"
done
