#!/usr/bin/env bash
# Builds a large pcap from the real Ethernet captures in ../shared/captures: every readable Ethernet capture is
# shifted in time to follow the previous one (editcap -t) and concatenated (mergecap -a); the whole sequence is then
# repeated, each copy shifted past the previous, until the file holds at least TARGET packets.
# Usage: bench/scripts/make-mix.sh OUT.pcap [TARGET_PACKETS=10000000]
set -euo pipefail
out=${1:?usage: make-mix.sh OUT.pcap [TARGET_PACKETS]}
target=${2:-10000000}
here=$(cd "$(dirname "$0")/../.." && pwd)
captures=${CAPTURES:-$here/../shared/captures}
[ -d "$captures" ] || { echo "make-mix: $captures not found (it needs ../shared/captures)" >&2; exit 1; }
for tool in capinfos editcap mergecap; do command -v $tool >/dev/null || { echo "make-mix: $tool missing (apt-get install tshark)" >&2; exit 2; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. one base sequence: Ethernet captures with real timestamps (after 2000), time-ordered one after another
t=1600000000
n=0
list=()
while IFS= read -r f; do
  info=$(capinfos -T -r -M -E -c -a -e -S "$f" 2>/dev/null | tail -1) || continue
  enc=$(cut -f2 <<<"$info"); count=$(cut -f3 <<<"$info"); first=$(cut -f4 <<<"$info"); last=$(cut -f5 <<<"$info")
  [ "$enc" = "ether" ] && [ "${count:-0}" -gt 0 ] || continue
  [[ "$first" =~ ^[0-9] ]] && [ "${first%.*}" -gt 946684800 ] || continue   # skip captures without real timestamps
  shift=$(awk -v t="$t" -v f="$first" 'BEGIN { printf "%.6f", t - f }')
  n=$((n + 1))
  editcap -F pcap -t "$shift" "$f" "$work/part$n.pcap" 2>/dev/null || continue
  list+=("$work/part$n.pcap")
  t=$(awk -v t="$t" -v f="$first" -v l="$last" 'BEGIN { printf "%.6f", t + (l - f) + 1 }')
done < <(find "$captures" -name '*.pcap' -o -name '*.pcapng' | sort)
mergecap -F pcap -a -w "$work/base.pcap" "${list[@]}"
base_packets=$(capinfos -T -r -M -c "$work/base.pcap" | tail -1 | cut -f2)
span=$(awk -v t="$t" 'BEGIN { printf "%.0f", t - 1600000000 + 60 }')
copies=$(( (target + base_packets - 1) / base_packets ))
echo "make-mix: ${#list[@]} captures, $base_packets packets per copy, $copies copies, ${span}s apart" >&2

# 2. repeat it, each copy later than the last (concatenation keeps the file time-ordered)
parts=()
for ((i = 0; i < copies; i++)); do
  editcap -F pcap -t $((i * span)) "$work/base.pcap" "$work/copy$i.pcap"
  parts+=("$work/copy$i.pcap")
done
mergecap -F pcap -a -w "$out" "${parts[@]}"
capinfos -c -s "$out" >&2
