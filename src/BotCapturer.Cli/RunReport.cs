using System.Globalization;
using BotCapturer.Decode;
using BotCapturer.Engine.Pipeline;

namespace BotCapturer.Cli;

/// <summary>The closing lines of a run on stderr: one error line per bad file, then a summary.</summary>
internal static class RunReport
{
    public static void WriteErrors(CliContext context, PipelineResult result)
    {
        foreach (var file in result.Failed)
        {
            context.Fail($"{file.Path}: {file.Error}");
        }
    }

    public static string Summary(PipelineResult result)
    {
        var c = result.Counters;
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-6);
        var skipped = c.Skipped == 0
            ? string.Empty
            : " (" + string.Join(", ", c.SkipReasons().Select(r => $"{Reason(r.Reason)} {r.Count}")) + ")";
        var filtered = result.Filtered > 0 ? $", {result.Filtered} not matching the filter" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Files.Count} files, {c.Packets} packets: {c.Decoded} decoded, {c.Skipped} skipped{skipped}{filtered}; {result.Flows} flows in {seconds:F2} s ({c.Packets / seconds / 1e6:F2} M packets/s)");
    }

    public static string Reason(DecodeStatus status) => status switch
    {
        DecodeStatus.Truncated => "truncated",
        DecodeStatus.UnsupportedLinkType => "unsupported link type",
        DecodeStatus.NonIp => "non-IP",
        DecodeStatus.BadIpVersion => "bad IP version",
        DecodeStatus.BadIpHeaderLength => "bad IP header length",
        DecodeStatus.BadIpLength => "bad IP length",
        DecodeStatus.IpFragment => "IP fragment (not first)",
        DecodeStatus.BadTcpHeaderLength => "bad TCP header length",
        DecodeStatus.BadUdpLength => "bad UDP length",
        DecodeStatus.BadRecord => "bad capture record",
        _ => status.ToString(),
    };
}
