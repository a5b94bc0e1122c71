using System.Text.RegularExpressions;

namespace BotCapturer.IntegrationTests.Capture;

/// <summary>The capture core against every real capture in ../shared/captures and the reference tools.</summary>
public sealed partial class RealCaptureTests
{
    [SkippableFact]
    public async Task Every_capture_yields_flows_or_one_clean_error_line()
    {
        SharedData.RequireShared();
        var problems = new List<string>();
        foreach (var file in SharedData.AllCaptures())
        {
            var run = InProcess.CliAsync("flows", file, "--out", "/dev/null");
            if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) != run)
            {
                problems.Add($"{file}: did not finish in 60 s");
                continue;
            }

            var (code, _, error) = await run;
            var errorLines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("error:", StringComparison.Ordinal)).ToList();
            if (error.Contains("   at ", StringComparison.Ordinal) || error.Contains("internal error", StringComparison.Ordinal))
            {
                problems.Add($"{file}: stack trace or internal error: {error}");
            }
            else if (code == 0 && errorLines.Count != 0)
            {
                problems.Add($"{file}: exit 0 but printed {errorLines[0]}");
            }
            else if (code == 1 && (errorLines.Count != 1 || !errorLines[0].Contains(file, StringComparison.Ordinal)))
            {
                problems.Add($"{file}: exit 1 needs exactly one error line naming the file, got: {error}");
            }
            else if (code is not (0 or 1))
            {
                problems.Add($"{file}: exit code {code}: {error}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [SkippableFact]
    public async Task Packet_totals_equal_capinfos()
    {
        SharedData.RequireShared();
        var capinfos = SharedData.RequireTool("capinfos");
        var compared = 0;
        var problems = new List<string>();
        foreach (var file in SharedData.AllCaptures())
        {
            var (_, output, _) = ExternalTool.Run(capinfos, ["-c", "-M", file]);
            var m = CapinfosCount().Match(output);
            if (!m.Success)
            {
                continue; // capinfos cannot read it (unsupported link type, pcapng 2.0): nothing to compare
            }

            var (result, _) = await InProcess.FlowsAsync(file);
            compared++;
            var ours = result.Counters.Decoded + result.Counters.Skipped;
            if (ours != long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                problems.Add($"{file}: capinfos {m.Groups[1].Value}, ours {ours} ({result.Counters.Decoded} decoded + {result.Counters.Skipped} skipped)");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(compared > 100, $"only {compared} captures compared");
    }

    [GeneratedRegex(@"Number of packets:\s*(\d+)")]
    private static partial Regex CapinfosCount();
}
