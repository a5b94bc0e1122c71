using System.Diagnostics;

namespace BotCapturer.IntegrationTests;

/// <summary>Runs a reference tool (tshark, capinfos, ...) and returns what it printed.</summary>
public static class ExternalTool
{
    public static (int ExitCode, string Output, string Error) Run(string tool, IEnumerable<string> args, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
