using System.Globalization;
using System.Text;
using BotCapturer.Cli.Options;
using BotCapturer.Generation;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine generate</c>: the scenario in, a pcap file and its labels out, one summary line on stderr.</summary>
internal static class GenerateCommand
{
    public static async Task<int> RunAsync(GenerateVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        var options = verb.ToOptions();
        GenerationSummary summary;
        var toStdout = verb.Out == "-";
        await using (var output = toStdout ? context.OpenStandardOutput() : FlowsCommand.OpenOutput(verb.Out))
        await using (var buffered = new BufferedStream(output, 1 << 20))
        await using (var labels = verb.Labels is null ? null : new StreamWriter(FlowsCommand.OpenOutput(verb.Labels), new UTF8Encoding(false)))
        {
            // the generator is synchronous and CPU-bound; keep the caller's thread free
            summary = await Task.Run(() => TrafficGenerator.Generate(options, buffered, labels, cancellationToken), cancellationToken);
            await buffered.FlushAsync(cancellationToken);
        }

        if (!verb.Quiet)
        {
            context.Note(Summary(verb, summary));
        }

        return ExitCodes.Ok;
    }

    internal static string Summary(GenerateVerb verb, GenerationSummary s)
    {
        var bots = s.Labels.Count(l => l.Role == "bot");
        return string.Create(CultureInfo.InvariantCulture,
            $"{verb.Out}: {s.Packets} packets, {s.FileBytes} bytes ({s.WireBytes} on the wire), {s.Hosts} hosts ({s.InternalHosts} internal, {bots} bots), seed {verb.Seed}");
    }
}
