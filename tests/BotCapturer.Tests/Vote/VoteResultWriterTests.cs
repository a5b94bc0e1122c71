using BotCapturer.Engine.Analysis.Vote;
using BotCapturer.Vote;

namespace BotCapturer.Tests.Vote;

public sealed class VoteResultWriterTests
{
    [Fact]
    public void Hosts_and_groups_written_are_read_back_by_eval()
    {
        var inputs = new VoteInputs(
            ["a", "b", "c"],
            GraphInput.Empty,
            [new(0, ["a", "b"])],
            [new(0, "scan", 2, ["a", "b"], "tcp/23")]);
        var result = Voter.Vote(inputs);
        var folder = Directory.CreateTempSubdirectory("botcapturer-vote-unit-").FullName;
        try
        {
            using (var writer = new StreamWriter(Path.Combine(folder, AnalysisOutput.HostsFile)))
            {
                VoteResultWriter.WriteHosts(writer, result);
            }

            using (var stream = File.Create(Path.Combine(folder, AnalysisOutput.GroupsFile)))
            {
                VoteResultWriter.WriteGroups(stream, result.Groups);
            }

            var lines = File.ReadAllLines(Path.Combine(folder, AnalysisOutput.HostsFile));
            Assert.StartsWith("host,suspicious,votes,", lines[0], StringComparison.Ordinal);
            Assert.Equal("a,1,3,cplane+aplane+botscore,2,0,0,,0,scan:0,2,1,0,", lines[1]);
            Assert.Equal("c,0,0,,0,0,0,,,,0,,0,", lines[3]);

            var (hosts, suspicious, groups) = RunResultReader.Read(folder);
            Assert.Equal(["a", "b", "c"], hosts);
            Assert.Equal(["a", "b"], suspicious.Order(StringComparer.Ordinal));
            var group = Assert.Single(groups);
            Assert.Equal(1, group.Id);
            Assert.Equal(["a", "b"], group.Hosts);
            Assert.Empty(group.Cnc);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Host_lines_carry_each_hosts_own_numbers_and_lists_when_values_repeat_and_change()
    {
        AClusterInput[] a = [new(1, "scan", 2, ["h1"], "tcp/23"), new(2, "spam", 1, ["h1"], "tcp/25")];
        HostVerdict Plain(string host, double graph, double bot = 0) => new(host, false, VoteKind.None, bot, graph, false, [], [], []);
        var result = new VoteResult(
            [
                new HostVerdict("h1", true, VoteKind.Graph | VoteKind.APlane, 1.25, 1.4389654, true, ["c1", "c2"], [3, 4], a, 3, new BeaconInput(2.5, "1.2.3.4:80/tcp", 9, 60)),
                Plain("h2", 1.4389654),
                Plain("h3", 1.4389654, 1.25),
                Plain("h4", 2),
                Plain("h5", 1.4389654),
                Plain("h6", 0),
                Plain("h7", -0.0),
            ],
            [new HostGroup(7, ["h1", "h3"], [], [], 1)]);
        var writer = new StringWriter { NewLine = "\n" };

        VoteResultWriter.WriteHosts(writer, result);

        Assert.Equal(
            [
                VoteResultWriter.HostsHeader,
                "h1,1,2,graph+aplane,1.25,1.438965,1,c1;c2,3;4,scan:1;spam:2,3,7,2.5,1.2.3.4:80/tcp every 60 s (9 flows)",
                "h2,0,0,,0,1.438965,0,,,,0,,0,",
                "h3,0,0,,1.25,1.438965,0,,,,0,7,0,",
                "h4,0,0,,0,2,0,,,,0,,0,",
                "h5,0,0,,0,1.438965,0,,,,0,,0,",
                "h6,0,0,,0,0,0,,,,0,,0,",
                "h7,0,0,,0,-0,0,,,,0,,0,",
                string.Empty,
            ],
            writer.ToString().Split('\n'));
    }

    [Fact]
    public void A_result_directory_without_the_header_is_a_format_error_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("botcapturer-vote-unit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, AnalysisOutput.HostsFile), "ip,score\n");
            var e = Assert.Throws<FormatException>(() => RunResultReader.Read(folder));
            Assert.Contains("hosts.csv:1: expected a header starting host,suspicious,votes", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
