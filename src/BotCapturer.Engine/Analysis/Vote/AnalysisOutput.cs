using System.Text;
using BotCapturer.Beaconing;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Engine.Analysis.Beaconing;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.Engine.Analysis.Graph;
using BotCapturer.Engine.Output;
using BotCapturer.Vote;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Writes an analysis's result tables into a folder (cflows, cclusters, graph_scores, activities, aclusters, beacons, hosts, groups).</summary>
public static class AnalysisOutput
{
    /// <summary>The file with one line per host.</summary>
    public const string HostsFile = "hosts.csv";

    /// <summary>The file with the groups.</summary>
    public const string GroupsFile = "groups.json";

    /// <summary>Writes every table; the folder must exist. The files are independent, so they are written at the same time.</summary>
    public static async Task WriteAsync(string folder, AnalysisResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await Task.WhenAll(
            WritePlanesAsync(folder, new PlaneResults(result.CPlane, result.Graph, result.APlane, result.Beacons, result.Timings), cancellationToken),
            Task.Run(() => WriteVoteAsync(folder, result.Vote), cancellationToken));
    }

    /// <summary>Writes the tables of the analyses before the vote (all but hosts.csv and groups.json), at the same time.</summary>
    public static Task WritePlanesAsync(string folder, PlaneResults planes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planes);
        return Task.WhenAll(
            Task.Run(() => CPlaneCsvWriter.WriteAsync(folder, planes.CPlane, cancellationToken), cancellationToken),
            Task.Run(() => GraphScoresCsv.WriteToFolderAsync(planes.Graph, folder, cancellationToken), cancellationToken),
            Task.Run(() => APlaneCsvWriter.WriteAsync(folder, planes.APlane, cancellationToken), cancellationToken),
            Task.Run(() => WriteBeaconsAsync(folder, planes.Beacons), cancellationToken));
    }

    /// <summary>Writes the vote's tables (hosts.csv, groups.json).</summary>
    public static Task WriteVoteAsync(string folder, AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WriteVoteAsync(folder, result.Vote);
    }

    private static async Task WriteBeaconsAsync(string folder, BeaconResult beacons)
    {
        await using var writer = new StreamWriter(Path.Combine(folder, BeaconCsvWriter.FileName), false, new UTF8Encoding(false));
        BeaconCsvWriter.Write(writer, beacons);
    }

    private static async Task WriteVoteAsync(string folder, VoteResult vote)
    {
        await using (var writer = new StreamWriter(OutputFile.Create(Path.Combine(folder, HostsFile)), new UTF8Encoding(false), 1 << 16))
        {
            VoteResultWriter.WriteHosts(writer, vote);
        }

        await using var groups = OutputFile.Create(Path.Combine(folder, GroupsFile));
        VoteResultWriter.WriteGroups(groups, vote.Groups);
    }
}
