#!/usr/bin/env bash
# Compiles botengine to one native executable (Native AOT: botengine, its libraries and the .NET runtime compiled ahead
# of time for this machine) into PREFIX/lib/botengine, with a link in PREFIX/bin. Nothing is compiled at run time:
# the precompiled (ReadyToRun) build this replaces spent a tenth of its CPU on the 10M-packet mix in the JIT and in
# code waiting for it (docs/performance.md, "Ninth round"). Needs clang (scripts/bootstrap.sh installs it). A 15 MB
# executable, with its symbols beside it (botengine.dbg, 30 MB) for profilers and stack traces.
# Usage: scripts/install.sh [PREFIX=$HOME/.local]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$HOME/.local}
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "install: no native build for $(uname -m); use dotnet run" >&2; exit 2 ;;
esac
if ! command -v clang >/dev/null 2>&1; then
  echo "install: the native build links with clang, which is missing (scripts/bootstrap.sh or apt-get install clang)" >&2
  exit 2
fi
# Compile for this machine's instruction set when it has x86-64-v3 (AVX2, BMI1/2, LZCNT, MOVBE, FMA): code that tests
# for those (digit counting, vectorised spans) then uses them without a check, instead of the v1 baseline.
isa=()
if [ "$rid" = linux-x64 ] && [ -r /proc/cpuinfo ]; then
  flags=$(grep -m1 '^flags' /proc/cpuinfo)
  v3=1
  for f in avx2 bmi1 bmi2 abm movbe fma f16c; do [[ " $flags " == *" $f "* ]] || v3=0; done
  [ "$v3" = 1 ] && isa=("-p:IlcInstructionSet=x86-64-v3")
fi
# The native code depends on that choice, which the incremental build does not track: compile it afresh.
rm -rf "$root/src/BotCapturer.Cli/obj/Release/net10.0/$rid/native"
dotnet publish "$root/src/BotCapturer.Cli" -c Release -r "$rid" "${isa[@]}" -o "$prefix/lib/botengine" -v q -nologo
mkdir -p "$prefix/bin"
ln -sf "$prefix/lib/botengine/botengine" "$prefix/bin/botengine"
echo "installed $prefix/bin/botengine ($("$prefix/bin/botengine" --version 2>/dev/null | head -1), native${isa:+, for x86-64-v3})"
