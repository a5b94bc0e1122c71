using System.Text;
using BotCapturer.Cli;

namespace BotCapturer.Tests.Graph;

public sealed class GraphCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("botcapturer-graphcli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Graph_WritesScoresAndLabelsSummary()
    {
        // A C&C with 12 bots at 100 ± 1 packets inside a ring of 40 hosts with uneven weights.
        var edges = new StringBuilder("host_a,host_b,packets\n");
        for (var i = 0; i < 40; i++)
        {
            edges.Append($"h{i},h{(i + 1) % 40},{1 + ((i * 37) % 90)}\n");
            edges.Append($"h{i},h{(i + 7) % 40},{1 + ((i * 53) % 70)}\n");
        }

        for (var i = 0; i < 12; i++)
        {
            edges.Append($"cnc,h{i * 3},{99 + (i % 3)}\n");
        }

        var edgePath = Path.Combine(_folder, "edges.csv");
        var labelPath = Path.Combine(_folder, "labels.csv");
        var outPath = Path.Combine(_folder, "s.csv");
        await File.WriteAllTextAsync(edgePath, edges.ToString());
        await File.WriteAllTextAsync(labelPath, "host,role,family\ncnc,cnc,test\nh0,bot,test\n");

        var (code, _, error) = await RunAsync("graph", "--edges", edgePath, "--out", outPath, "--labels", labelPath, "--top", "5");
        Assert.Equal(0, code);
        var lines = await File.ReadAllLinesAsync(outPath);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("cnc,", lines[1], StringComparison.Ordinal);
        Assert.Contains("C&C ranks cnc=1 of 41", error, StringComparison.Ordinal);
        Assert.Contains("ROC AUC", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_BadEdgeFile_OneLineExitOne()
    {
        var edgePath = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(edgePath, "a,b,w\nx,y,many\n");
        var (code, output, error) = await RunAsync("graph", "--edges", edgePath);
        Assert.Equal(1, code);
        Assert.Equal($"botengine: error: {edgePath}:2: weight 'many' is not a non-negative number", error.TrimEnd());
        Assert.Equal(string.Empty, output);
    }

    [Theory]
    [InlineData("--top", "0")]
    [InlineData("--lof-k", "0")]
    public void Parse_RejectsBadNumbers(string option, string value)
    {
        var parsed = CliParser.Parse(["graph", "--edges", "x.csv", option, value]);
        Assert.False(parsed.ShouldRun);
        Assert.Equal(1, parsed.ExitCode);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, false, () => output);
        var code = await Program.RunAsync(args, context, CancellationToken.None);
        return (code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
