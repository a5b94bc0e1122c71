using System.Text;
using BotCapturer.Cli;
using BotCapturer.Cli.Commands;
using BotCapturer.Cli.Options;
using BotCapturer.Engine.Pipeline;
using BotCapturer.Storage.MySql.Loading;
using BotCapturer.Storage.MySql.Xa;

namespace BotCapturer.Tests.Storage;

public sealed class XaRecoveryTests
{
    private const string Tag = "0123456789abcdef";
    private static readonly string TokenA = new('a', 32);
    private static readonly string TokenB = new('b', 32);

    [Fact]
    public void A_prepared_branch_0_means_no_decision_so_every_branch_of_its_token_rolls_back_branch_0_last()
    {
        var prepared = new[] { Branch(TokenA, 0), Branch(TokenA, 2), Branch(TokenA, 1) };
        var plan = XaRecoveryPlan.Decide(prepared, _ => true);
        Assert.Equal([2, 1, 0], plan.Select(p => p.Branch.Branch));
        Assert.All(plan, p => Assert.Equal(XaResolution.Rollback, p.Action));
    }

    [Fact]
    public void Without_branch_0_the_files_row_decides_per_token()
    {
        var prepared = new[] { Branch(TokenA, 1), Branch(TokenB, 1), Branch(TokenB, 2), Branch(TokenA, 2) };
        var plan = XaRecoveryPlan.Decide(prepared, token => token == TokenA);
        Assert.Equal(4, plan.Count);
        Assert.All(plan.Where(p => p.Branch.Token == TokenA), p => Assert.Equal(XaResolution.Commit, p.Action));
        Assert.All(plan.Where(p => p.Branch.Token == TokenB), p => Assert.Equal(XaResolution.Rollback, p.Action));
    }

    [Fact]
    public void The_files_row_is_not_even_looked_up_when_branch_0_is_still_prepared()
    {
        var asked = new List<string>();
        XaRecoveryPlan.Decide([Branch(TokenA, 0), Branch(TokenA, 1)], token =>
        {
            asked.Add(token);
            return true;
        });
        Assert.Empty(asked);
        Assert.Empty(XaRecoveryPlan.Decide([], _ => true));
    }

    [Fact]
    public void Xa_recover_rows_parse_back_to_our_branch_ids_and_foreign_ones_are_ignored()
    {
        var id = Branch(TokenA, 3);
        var data = Encoding.ASCII.GetBytes(id.Gtrid + id.Bqual);
        Assert.True(XaBranchId.TryParse(XaBranchId.FormatId, id.Gtrid.Length, id.Bqual.Length, data, out var parsed));
        Assert.Equal(id, parsed);

        Assert.False(XaBranchId.TryParse(1, id.Gtrid.Length, id.Bqual.Length, data, out _)); // another format id
        Assert.False(XaBranchId.TryParse(XaBranchId.FormatId, 2, 1, "g10"u8, out _)); // someone else's xid
        var notHex = Encoding.ASCII.GetBytes(new string('z', 32) + "." + Tag + "0");
        Assert.False(XaBranchId.TryParse(XaBranchId.FormatId, 49, 1, notHex, out _));
        Assert.NotEqual(XaBranchId.TagOf("db1"), XaBranchId.TagOf("db2"));
        Assert.Equal(16, XaBranchId.TagOf("botengine").Length);
        Assert.True(XaRecovery.LockName(TokenA).Length <= 64); // GET_LOCK's limit
    }

    [Theory]
    [InlineData("5.5.5-10.11.19-MariaDB-0+deb12u1", true)]
    [InlineData("10.5.0-MariaDB", true)]
    [InlineData("11.4.2-MariaDB-ubu2404", true)]
    [InlineData("10.4.32-MariaDB", false)]
    [InlineData("5.5.5-10.3.39-MariaDB-0+deb10u1", false)]
    [InlineData("8.0.36", true)]
    [InlineData("5.7.7-log", true)]
    [InlineData("5.7.6", false)]
    public void Servers_that_drop_prepared_branches_on_disconnect_are_told_apart(string version, bool supported) =>
        Assert.Equal(supported, XaRecovery.Unsupported(version) is null);

    [Fact]
    public void Connections_per_file_default_to_the_threads_left_for_large_files_only()
    {
        var options = new PipelineOptions { Threads = 2 };
        var supported = new XaRecoveryResult(null, 0, 0, 0);
        var large = File(options.MinShardedFileBytes);
        var small = File(options.MinShardedFileBytes - 1);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, false, () => Stream.Null);

        var one = LoadCommand.ConnectionsPerFile(Verb(), supported, options, files: 1, context);
        Assert.Equal(2, one(large));
        Assert.Equal(1, one(small));
        Assert.Equal(1, LoadCommand.ConnectionsPerFile(Verb(), supported, options, files: 2, context)(large));
        Assert.Equal(1, LoadCommand.ConnectionsPerFile(Verb("--packets"), supported, options, files: 1, context)(large));
        Assert.Equal(3, LoadCommand.ConnectionsPerFile(Verb("--connections-per-file", "3"), supported, options, files: 5, context)(small));

        var error = new StringWriter();
        var old = LoadCommand.ConnectionsPerFile(Verb("--connections-per-file", "2"), new XaRecoveryResult("server 10.4.1-MariaDB is older", 0, 0, 0), options, 1, new CliContext(TextWriter.Null, error, false, () => Stream.Null));
        Assert.Equal(1, old(large));
        Assert.Contains("loading each file on one connection: server 10.4.1-MariaDB is older", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Connections_per_file_is_checked()
    {
        Assert.Contains("between 1 and 64", CliParser.Parse(["load", "a.pcap", "--group", "1", "--connections-per-file", "0"]).Message, StringComparison.Ordinal);
        Assert.Contains("with --packets", CliParser.Parse(["load", "a.pcap", "--group", "1", "--connections-per-file", "2", "--packets"]).Message, StringComparison.Ordinal);
        Assert.Equal(2, Verb("--connections-per-file", "2").ConnectionsPerFile);
        Assert.Null(Verb().ConnectionsPerFile);
    }

    private static XaBranchId Branch(string token, int branch) => new(token, Tag, branch);

    private static FileIdentity File(long size) => new("/x.pcap", size, new byte[32]);

    private static LoadVerb Verb(params string[] extra) =>
        Assert.IsType<LoadVerb>(CliParser.Parse(["load", "a.pcap", "--group", "1", .. extra]).Options);
}
