using BotCapturer.Graph;

namespace BotCapturer.Tests.Graph;

/// <summary>Small graphs with hand-computed features, built from "a-b:w" edge specs.</summary>
internal static class GraphTestGraphs
{
    public static HostGraph Build(params string[] edges)
    {
        var builder = new HostGraphBuilder();
        foreach (var edge in edges)
        {
            var parts = edge.Split('-', ':');
            builder.Add(parts[0], parts[1], double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.Build();
    }

    public static int Id(HostGraph graph, string host)
    {
        Assert.True(graph.Hosts.TryGetId(host, out var id), host);
        return id;
    }

    /// <summary>A seeded random graph: <paramref name="nodes"/> nodes, each pair an edge with probability p.</summary>
    public static HostGraph Random(int nodes, double p, int seed)
    {
        var random = new Random(seed);
        var builder = new HostGraphBuilder();
        for (var i = 0; i < nodes; i++)
        {
            builder.Hosts.GetOrAdd("n" + i);
        }

        for (var i = 0; i < nodes; i++)
        {
            for (var j = i + 1; j < nodes; j++)
            {
                if (random.NextDouble() < p)
                {
                    builder.Add(i, j, random.Next(1, 50));
                }
            }
        }

        return builder.Build();
    }
}
