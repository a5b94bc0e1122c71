using BotCapturer.Cli;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;

namespace BotCapturer.IntegrationTests.Capture;

/// <summary>Runs the engine in this process: the CLI with captured output, or the pipeline with a collecting sink.</summary>
internal static class InProcess
{
    public static async Task<(int ExitCode, string Out, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, ErrorIsTerminal: false, () => Stream.Null);
        var code = await Program.RunAsync(args, context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    public static async Task<(PipelineResult Result, List<Flow> Flows)> FlowsAsync(string path, FlowOptions? options = null)
    {
        var sink = new CollectingSink();
        var pipeline = new FlowPipeline(new PipelineOptions { Threads = 1, Flows = options ?? FlowOptions.Default });
        var result = await pipeline.RunAsync([path], [sink], CancellationToken.None);
        return (result, sink.Flows);
    }

    /// <summary>Timeouts so long that every 5-tuple is one conversation, as tshark's conversation tables count them.</summary>
    public static readonly FlowOptions NoTimeouts = new()
    {
        TcpTimeout = TimeSpan.FromDays(100_000),
        UdpTimeout = TimeSpan.FromDays(100_000),
        IcmpTimeout = TimeSpan.FromDays(100_000),
        OtherTimeout = TimeSpan.FromDays(100_000),
    };

    private sealed class CollectingSink : IFlowSink
    {
        public List<Flow> Flows { get; } = [];

        public ValueTask ConsumeAsync(IReadOnlyList<Flow> batch, CancellationToken cancellationToken)
        {
            Flows.AddRange(batch);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
