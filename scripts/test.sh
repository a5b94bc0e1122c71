#!/usr/bin/env bash
# Builds and runs every test project (unit and integration) in Release, then prints one closing line:
# "Tests: N passed, N failed, N skipped". Integration tests start their own MariaDB and skip, saying why, when
# ../shared or a reference tool is absent.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# The native build users install (scripts/install.sh, Native AOT) is checked against the in-process CLI by the
# NativeBuild tests; without clang they skip, saying so.
native=$(mktemp -d)
trap 'rm -rf "$native" "$log"' EXIT
if command -v clang >/dev/null 2>&1; then
  if scripts/install.sh "$native" >&2; then
    export BOTENGINE_INSTALLED="$native/bin/botengine"
  else
    echo "test: scripts/install.sh failed" >&2
    exit 1
  fi
fi
dotnet test BotCapturer.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep -vE '^\s+Passed '
status=${PIPESTATUS[0]}
# Each test assembly ends with "Total tests: N" then "Passed: N", "Failed: N", "Skipped: N" lines.
count() { grep -E "^\s+$1: [0-9]+\s*$" "$log" | awk '{s += $2} END {print s + 0}'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
# Say why tests were skipped: xunit prints "[SKIP]" after the test's name and the reason on the next line.
grep -E -A1 '\[SKIP\]$' "$log" | grep -vE '\[SKIP\]$|^--$' | sed -E 's/^\[xUnit[^]]*\]\s*/skip reason: /' | sort | uniq -c | head -20
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
