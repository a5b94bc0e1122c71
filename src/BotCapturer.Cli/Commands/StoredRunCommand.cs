using System.Diagnostics;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Output;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Flows;
using BotCapturer.Storage.MySql;
using BotCapturer.Storage.MySql.Results;

namespace BotCapturer.Cli.Commands;

/// <summary>
/// <c>botengine run --group N</c>: the same analysis over a stored group's flows, read with one streaming query, saved
/// to the result tables. A group with results is refused before any flow is read unless <c>--overwrite</c> is given.
/// </summary>
internal static class StoredRunCommand
{
    private const int BatchSize = 4096;

    public static async Task<int> RunAsync(RunVerb verb, long group, CliContext context, CancellationToken cancellationToken)
    {
        var connection = DatabaseOption.Resolve(verb.Db);
        var store = new FlowStore(connection);
        // A multi-connection load cut off between its commits leaves rows prepared, unseen (docs/storage.md "Recovery").
        StorageCommands.NoteRecovery(await store.RecoverPreparedAsync(cancellationToken), context);
        var summary = (await store.GetGroupsAsync(cancellationToken)).FirstOrDefault(g => g.Id == group)
            ?? throw new InputException($"group {group} does not exist (botengine status lists the groups)");
        var results = new ResultStore(connection);
        if (!verb.Overwrite)
        {
            await results.RequireNoResultsAsync(group, cancellationToken);
        }

        var signatures = await RunCommand.LoadSignaturesAsync(verb, cancellationToken);
        var labels = verb.Labels is null ? null : EvalCommand.ReadLabels(verb.Labels);
        var folder = RunCommand.CreateOutputFolder(verb.Out, DateTime.UtcNow);
        var analysis = RunCommand.CreateAnalysis(verb, signatures);
        var merge = FlowsCommand.PipelineOptionsFrom(verb).Flows;
        var clock = Stopwatch.StartNew();
        long flows = 0;
        await using (var flowsCsv = RunCommand.OpenFlowsCsv(folder))
        {
            IFlowSink[] sinks = [new FlowCsvWriter(flowsCsv), .. analysis.Sinks];
            var batch = new List<Flow>(BatchSize);
            await foreach (var flow in store.ReadFlowsAsync(group, merge, joinPartials: true, cancellationToken))
            {
                batch.Add(flow);
                if (batch.Count == BatchSize)
                {
                    flows += await SendAsync(sinks, batch, cancellationToken);
                }
            }

            flows += await SendAsync(sinks, batch, cancellationToken);
            foreach (var sink in sinks)
            {
                await sink.CompleteAsync(cancellationToken);
            }
        }

        var counts = new List<KeyValuePair<string, long>> { new("group", group), new("packets", summary.Packets), new("stored_flows", flows) };
        await RunCommand.FinishAsync(
            verb, context, analysis, [$"group {group} ({summary.Name})"], counts, new("read_flows", clock.Elapsed), folder, labels,
            result => results.SaveAsync(group, result, verb.Overwrite, cancellationToken), cancellationToken);
        if (!verb.Quiet)
        {
            context.Note($"group {group}: {flows} flows read from {connection.Server}; saved {string.Join(", ", results.Saved.Select(s => $"{s.Value} {s.Key}"))}");
        }

        return ExitCodes.Ok;
    }

    private static async Task<long> SendAsync(IFlowSink[] sinks, List<Flow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        foreach (var sink in sinks)
        {
            await sink.ConsumeAsync(batch, cancellationToken);
        }

        var n = batch.Count;
        batch.Clear();
        return n;
    }
}
