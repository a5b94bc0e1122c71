#!/usr/bin/env bash
# Regenerates data/sample.pcap and data/sample-labels.csv with the generator's defaults (seed 1, 2 hours, 40 benign
# hosts, botnet A with 6 bots, botnet B with 5). The output is byte-identical to the committed files (verified on x64 Linux with
# .NET 10); tests/BotCapturer.IntegrationTests/Generation/SampleTests checks that.
# Extra arguments go to 'botengine generate' (for example --seed 2 --scale 10 to make a bigger capture elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/BotCapturer.Cli -c Release -v quiet -nologo >&2
dotnet src/BotCapturer.Cli/bin/Release/net10.0/botengine.dll generate --out data/sample.pcap --labels data/sample-labels.csv "$@"
