using System.Text;
using BotCapturer.Engine.Analysis.APlane;
using BotCapturer.Engine.Analysis.Beaconing;
using BotCapturer.Engine.Analysis.CPlane;
using BotCapturer.Engine.Analysis.Graph;

namespace BotCapturer.Engine.Analysis.Vote;

/// <summary>Writes an analysis's result tables into a folder (cflows, cclusters, graph_scores, activities, aclusters, beacons, hosts, groups).</summary>
public static class AnalysisOutput
{
    /// <summary>The file with one line per host.</summary>
    public const string HostsFile = "hosts.csv";

    /// <summary>The file with the groups.</summary>
    public const string GroupsFile = "groups.json";

    /// <summary>Writes every table; the folder must exist.</summary>
    public static async Task WriteAsync(string folder, AnalysisResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await CPlaneCsvWriter.WriteAsync(folder, result.CPlane, cancellationToken);
        await GraphScoresCsv.WriteToFolderAsync(result.Graph, folder, cancellationToken);
        await APlaneCsvWriter.WriteAsync(folder, result.APlane, cancellationToken);
        await using (var writer = new StreamWriter(Path.Combine(folder, BeaconCsvWriter.FileName), false, new UTF8Encoding(false)))
        {
            BeaconCsvWriter.Write(writer, result.Beacons);
        }

        await using (var writer = new StreamWriter(Path.Combine(folder, HostsFile), false, new UTF8Encoding(false), 1 << 16))
        {
            VoteResultWriter.WriteHosts(writer, result.Vote);
        }

        await using var groups = new FileStream(Path.Combine(folder, GroupsFile), FileMode.Create, FileAccess.Write);
        VoteResultWriter.WriteGroups(groups, result.Vote.Groups);
    }
}
