using BotCapturer.Cli;
using BotCapturer.Cli.Options;

namespace BotCapturer.Tests.Cli;

public sealed class RunVerbTests
{
    [Fact]
    public void Run_options_parse_with_the_documented_defaults()
    {
        var verb = Assert.IsType<RunVerb>(CliParser.Parse(["run", "a.pcap", "--quorum", "3"]).Options);
        Assert.Equal(["a.pcap"], verb.Inputs);
        Assert.Equal(3, verb.VoteOptions.Quorum);
        Assert.Equal(0.5, verb.VoteOptions.BotScoreThreshold);
        Assert.Equal(1.0, verb.VoteOptions.GroupCut);
        Assert.Equal(2, verb.VoteOptions.MinGroupSize);
        Assert.Equal(2.5, verb.AnomalyZ);
        Assert.Null(verb.Out);
        Assert.Null(verb.Group);
        Assert.NotNull(verb.CPlane);
    }

    [Fact]
    public void Run_group_needs_no_captures()
    {
        var verb = Assert.IsType<RunVerb>(CliParser.Parse(["run", "--group", "15", "--db", "Server=x"]).Options);
        Assert.Equal(15, verb.Group);
        Assert.Empty(verb.Inputs);
    }

    [Theory]
    [InlineData(new[] { "run" }, "give capture files or folders, or --group N")]
    [InlineData(new[] { "run", "a.pcap", "--group", "3" }, "give either captures or --group, not both")]
    [InlineData(new[] { "run", "a.pcap", "--quorum", "5" }, "quorum must be between 1 and 4")]
    [InlineData(new[] { "run", "a.pcap", "--group-cut", "0" }, "group cut must be positive")]
    [InlineData(new[] { "run", "a.pcap", "--labels", "/nonexistent/labels.csv" }, "/nonexistent/labels.csv: no such file")]
    [InlineData(new[] { "eval", "--labels", "/nonexistent/l.csv", "--result", "." }, "/nonexistent/l.csv: no such file")]
    [InlineData(new[] { "eval", "--labels", "/dev/null" }, "missing required")]
    public void Usage_errors_are_one_line(string[] args, string message)
    {
        var parsed = CliParser.Parse(args);
        Assert.False(parsed.ShouldRun);
        Assert.Equal(ExitCodes.BadInput, parsed.ExitCode);
        Assert.Contains(message, parsed.Message);
    }
}
