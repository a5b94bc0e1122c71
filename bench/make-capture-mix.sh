#!/usr/bin/env bash
# Builds the "real-capture mix" the load benchmark reads: every Ethernet capture in ../shared/captures (MANIFEST.tsv,
# link type ether, at least one packet) concatenated into one pcap, then copied with editcap -t shifting each copy by
# one more day, until the copies hold at least TARGET packets (default 10,000,000). The shift makes every copy a
# different file (another SHA-256, so `load` does not skip it) and keeps the copies' flows apart in time.
# Usage: bench/make-capture-mix.sh [OUT_DIR] [TARGET_PACKETS]     (default OUT_DIR: /tmp/botengine-capture-mix)
# Needs mergecap, editcap and capinfos (Wireshark tools; scripts/bootstrap.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
captures=${BOTENGINE_SHARED_CAPTURES:-$root/../shared/captures}
out=${1:-/tmp/botengine-capture-mix}
target=${2:-10000000}
[ -f "$captures/MANIFEST.tsv" ] || { echo "make-capture-mix: $captures/MANIFEST.tsv not found" >&2; exit 2; }
mkdir -p "$out"
base=$out/base.source # not a capture extension, so loading the folder reads only the copies
if [ ! -f "$base" ]; then
  inputs=()
  while IFS= read -r f; do
    # only captures the Wireshark tools read to the end (the robustness set has truncated ones)
    capinfos -c "$f" >/dev/null 2>&1 && inputs+=("$f")
  done < <(awk -F'\t' -v dir="$captures" 'NR > 1 && $3 == "ether" && $4 > 0 { print dir "/" $1 }' "$captures/MANIFEST.tsv")
  mergecap -a -F pcap -w "$base.tmp" "${inputs[@]}" 2>/dev/null || mergecap -a -F pcapng -w "$base.tmp" "${inputs[@]}"
  mv "$base.tmp" "$base"
fi
per_copy=$(capinfos -c -M "$base" | awk -F': *' '/Number of packets/ { print $2 }')
copies=$(( (target + per_copy - 1) / per_copy ))
for ((i = 0; i < copies; i++)); do
  part=$(printf '%s/mix-%04d.pcapng' "$out" "$i")
  [ -f "$part" ] || editcap -t $((i * 86400)) "$base" "$part"
done
echo "make-capture-mix: $copies copies of $per_copy packets ($((copies * per_copy)) packets) in $out" >&2
