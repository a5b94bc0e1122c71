using System.Text;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Output;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.Cli.Commands;

/// <summary><c>botengine flows</c>: captures in, a flow table out.</summary>
internal static class FlowsCommand
{
    public static async Task<int> RunAsync(FlowsVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        var files = CaptureInputs.Expand(verb.Inputs, out var inputError);
        if (inputError is not null)
        {
            context.Fail(inputError);
            return ExitCodes.BadInput;
        }

        var options = PipelineOptionsFrom(verb);
        if (verb.Format != "json")
        {
            // Only the JSON lines carry payload prefixes: csv and zeek output need none kept or copied.
            options = options with { Flows = options.Flows with { PayloadBytes = 0 } };
        }

        await using var output = verb.Out is null ? context.OpenStandardOutput() : OpenOutput(verb.Out);
        var sink = CreateSink(verb.Format, output, out var disposable);
        using (disposable)
        {
            var result = await CaptureRun.RunAsync(options, files, [sink], "flows", verb.Quiet, context, cancellationToken);
            if (!verb.Quiet)
            {
                context.Note(RunReport.Summary(result));
            }

            return result.Failed.Any() ? ExitCodes.BadInput : ExitCodes.Ok;
        }
    }

    internal static PipelineOptions PipelineOptionsFrom(CaptureInputOptions verb) => new()
    {
        Threads = verb.Threads ?? Environment.ProcessorCount,
        Filter = verb.Filter,
        Strict = verb.Strict,
        Flows = new FlowOptions
        {
            TcpTimeout = TimeSpan.FromSeconds(verb.TcpTimeout),
            UdpTimeout = TimeSpan.FromSeconds(verb.UdpTimeout),
            IcmpTimeout = TimeSpan.FromSeconds(verb.IcmpTimeout),
            OtherTimeout = TimeSpan.FromSeconds(verb.IcmpTimeout),
            PayloadBytes = verb.PayloadBytes,
        },
    };

    internal static Stream OpenOutput(string path)
    {
        try
        {
            return OutputFile.CreateLarge(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot write: {e.Message}");
        }
    }

    private static IFlowSink CreateSink(string format, Stream output, out IDisposable? disposable)
    {
        switch (format)
        {
            case "json":
                var json = new FlowJsonWriter(output);
                disposable = json;
                return json;
            case "zeek":
                var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { AutoFlush = false };
                disposable = writer;
                return new ZeekConnWriter(writer);
            default:
                disposable = null;
                return new FlowCsvWriter(output);
        }
    }
}
