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
