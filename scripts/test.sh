#!/usr/bin/env bash
# Builds and runs every test project (unit and integration) in Release, then prints one closing line:
# "Tests: N passed, N failed, N skipped". Integration tests start their own MariaDB and skip, saying why, when
# ../shared or a reference tool is absent.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet test BotCapturer.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep -vE '^\s+(Passed|Skipped) ' 
status=${PIPESTATUS[0]}
# Per-assembly lines look like: "Passed!  - Failed:     0, Passed:    50, Skipped:     3, Total:    53, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
grep -E '^\s+Skipped ' "$log" | sed -E 's/^\s+/skipped: /' | sort -u | head -50
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
rm -f "$log"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
