#!/usr/bin/env bash
# Publishes botengine, precompiled (ReadyToRun) for this machine, into PREFIX/lib/botengine with a link in PREFIX/bin.
# Self-contained and composite: botengine and the .NET runtime libraries are compiled together as one version
# bubble, so generic code over botengine's types (collections of flows, keys, ...) and calls across assemblies are
# precompiled and inlined too, where a framework-dependent ReadyToRun build leaves them to the JIT at run time
# (docs/performance.md: about half the jitted methods and 0.8 s less CPU on the 10M-packet mix). About 100 MB.
# Usage: scripts/install.sh [PREFIX=$HOME/.local]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$HOME/.local}
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "install: no ReadyToRun runtime for $(uname -m); use dotnet run" >&2; exit 2 ;;
esac
# Precompile for this machine's instruction set when it has x86-64-v3 (AVX2, BMI1/2, LZCNT, MOVBE, FMA): code that
# tests for those at run time (digit counting, vectorised spans) is otherwise compiled for the v1 baseline, which the
# runtime then refuses on a newer CPU and leaves to the JIT, starting from its unoptimised tier
# (docs/performance.md: 3 % of the CPU of `flows` on the mix).
isa=()
if [ "$rid" = linux-x64 ] && [ -r /proc/cpuinfo ]; then
  flags=$(grep -m1 '^flags' /proc/cpuinfo)
  v3=1
  for f in avx2 bmi1 bmi2 abm movbe fma f16c; do [[ " $flags " == *" $f "* ]] || v3=0; done
  [ "$v3" = 1 ] && isa=("-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3")
fi
# The precompiled code depends on that choice, which the incremental build does not track: compile it afresh.
rm -rf "$root/src/BotCapturer.Cli/obj/Release/net10.0/$rid/R2R"
dotnet publish "$root/src/BotCapturer.Cli" -c Release -r "$rid" --self-contained true -p:PublishReadyToRunComposite=true "${isa[@]}" \
  -o "$prefix/lib/botengine" -v q -nologo
mkdir -p "$prefix/bin"
ln -sf "$prefix/lib/botengine/botengine" "$prefix/bin/botengine"
echo "installed $prefix/bin/botengine ($("$prefix/bin/botengine" --version 2>/dev/null | head -1)${isa:+, precompiled for x86-64-v3})"
