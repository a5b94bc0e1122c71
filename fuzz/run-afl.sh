#!/usr/bin/env bash
# Fuzzes the capture reader, parsers, decoder and flow table with AFL++ through SharpFuzz (see docs/fuzzing.md).
#
# usage: fuzz/run-afl.sh [SECONDS]        (default 1800)
# env:   FUZZ_WORK=DIR     scratch directory (default /tmp/botcapturer-fuzz; nothing is written into the repo)
#        FUZZ_SHARED=1     also seed with the first records of the captures in ../shared/captures (copied to FUZZ_WORK only)
#        FUZZ_RESUME=1     continue the previous run in FUZZ_WORK instead of starting from the seeds
#        FUZZ_TIMEOUT=MS   afl-fuzz -t per input (default 5000: the machine is shared; real inputs take ~1 ms)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-1800}
work=${FUZZ_WORK:-/tmp/botcapturer-fuzz}
timeout_ms=${FUZZ_TIMEOUT:-5000}
export PATH="$PATH:$HOME/.dotnet/tools"

# 1. Tools: AFL++ from apt, the SharpFuzz instrumenter as a global dotnet tool.
if ! command -v afl-fuzz >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y afl++
fi
if ! command -v sharpfuzz >/dev/null; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
fi

# 2. Publish the harness and instrument the assemblies under test (not the harness, not the framework).
mkdir -p "$work"
# Instrumented code writes to AFL's shared memory, which only exists under afl-fuzz: the seed and triage modes
# use the plain copy in bin/, afl-fuzz the instrumented copy in afl/.
rm -rf "$work/bin" "$work/afl"
dotnet publish "$root/fuzz/BotCapturer.Fuzz" -c Release -o "$work/bin" --nologo -v quiet
cp -r "$work/bin" "$work/afl"
for dll in BotCapturer.Core.dll BotCapturer.Engine.dll; do
  sharpfuzz "$work/afl/$dll"
done
harness=(dotnet "$work/bin/BotCapturer.Fuzz.dll")

# 3. Seed corpus, built fresh: hand-made captures, the project's own generator, optionally shared captures.
seeds="$work/seeds"
rm -rf "$seeds" "$work/gen"
mkdir -p "$seeds" "$work/gen"
"${harness[@]}" seeds "$seeds"
dotnet build "$root/src/BotCapturer.Cli" -c Release --nologo -v quiet
botengine=(dotnet "$root/src/BotCapturer.Cli/bin/Release/net10.0/botengine.dll")
for variant in "1 " "2 --nanoseconds" "3 --snaplen 64" "4 --nanoseconds --snaplen 1500"; do
  read -r seed flags <<<"$variant"
  # shellcheck disable=SC2086
  "${botengine[@]}" generate -o "$work/gen/gen-$seed.pcap" --seed "$seed" --duration 2m --benign 3 --bots-a 1 --bots-b 1 -q $flags
  "${harness[@]}" head 24 "$work/gen/gen-$seed.pcap" "$seeds/gen-$seed.pcap"
done
if [ "${FUZZ_SHARED:-0}" = "1" ] && [ -d "$root/../shared/captures" ]; then
  # Small captures, at most two per source directory, cut to their first 16 records (never copied into the repo).
  find "$root/../shared/captures" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -size -32k | sort \
    | awk -F/ '{ if (++n[$(NF-1)] <= 2) print }' | while read -r capture; do
      out="$seeds/shared-$(basename "$(dirname "$capture")")-$(basename "$capture")"
      "${harness[@]}" head 16 "$capture" "$out" 2>/dev/null || rm -f "$out"
    done
fi
"${harness[@]}" run "$seeds" >"$work/seeds.txt"  # every seed must pass before fuzzing starts
echo "seed corpus: $(ls "$seeds" | wc -l) files, $(du -sb "$seeds" | cut -f1) bytes"

# 4. Fuzz. SharpFuzz runs the target in-process behind AFL's fork-server protocol; dotnet itself is not instrumented.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export AFL_FORKSRV_INIT_TMOUT=120000
input="$seeds"
if [ "${FUZZ_RESUME:-0}" = "1" ] && [ -d "$work/findings/default" ]; then
  input="-"
else
  rm -rf "$work/findings"
fi
afl-fuzz -i "$input" -o "$work/findings" -t "$timeout_ms" -m none -V "$seconds" -- dotnet "$work/afl/BotCapturer.Fuzz.dll" >"$work/afl.log" 2>&1 || {
  echo "afl-fuzz failed; last lines of $work/afl.log:"; tail -30 "$work/afl.log"; exit 1; }

# 5. Report.
stats="$work/findings/default/fuzzer_stats"
for key in run_time execs_done execs_per_sec corpus_count edges_found total_edges bitmap_cvg saved_crashes saved_hangs cycles_done; do
  grep -E "^$key +:" "$stats" || true
done
crashes=$(find "$work/findings/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$work/findings/default/hangs" -type f -name 'id:*' | wc -l)
echo "crash inputs: $crashes ($work/findings/default/crashes), hang inputs: $hangs ($work/findings/default/hangs)"
if [ "$crashes" -gt 0 ]; then
  "${harness[@]}" run "$work/findings/default/crashes" || true
fi
