#!/usr/bin/env bash
# Publishes botengine, precompiled (ReadyToRun) for this machine, into PREFIX/lib/botengine with a link in PREFIX/bin.
# A precompiled build starts faster and spends less CPU in the JIT than `dotnet run` (docs/performance.md).
# Usage: scripts/install.sh [PREFIX=$HOME/.local]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$HOME/.local}
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "install: no ReadyToRun runtime for $(uname -m); use dotnet run" >&2; exit 2 ;;
esac
dotnet publish "$root/src/BotCapturer.Cli" -c Release -r "$rid" --self-contained false -o "$prefix/lib/botengine" -v q -nologo
mkdir -p "$prefix/bin"
ln -sf "$prefix/lib/botengine/botengine" "$prefix/bin/botengine"
echo "installed $prefix/bin/botengine ($("$prefix/bin/botengine" --version 2>/dev/null | head -1))"
