using BotCapturer.Vote;

namespace BotCapturer.Tests.Vote;

public sealed class BeaconRankingTests
{
    [Fact]
    public void A_lone_beaconing_host_ranks_first_among_hosts_without_votes_but_is_not_suspicious()
    {
        // gw has the highest graph score and an even-weights opinion; bot is alone in its C-cluster and beacons.
        var graph = new GraphInput(
            new Dictionary<string, double> { ["gw"] = 3.7, ["bot"] = 2.7, ["pc"] = 3.5 },
            new HashSet<string>(),
            new Dictionary<string, string>())
        {
            Evenness = new Dictionary<string, double> { ["gw"] = 0.4, ["pc"] = 0.2 },
        };
        var inputs = new VoteInputs(["gw", "bot", "pc"], graph, [new(0, ["bot"])], [])
        {
            Beacons = new Dictionary<string, BeaconInput> { ["bot"] = new(2.7, "198.51.100.7:80/tcp", 3, 1619.6) },
        };

        var result = Voter.Vote(inputs);

        Assert.Equal(["bot", "gw", "pc"], result.Hosts.Select(h => h.Host));
        Assert.All(result.Hosts, h => Assert.Equal(VoteKind.None, h.Votes));
        Assert.Empty(result.Suspicious);
        Assert.Equal("198.51.100.7:80/tcp", result.Hosts[0].Beacon!.Target);
    }

    [Fact]
    public void Votes_and_botscore_still_come_before_a_beacon()
    {
        var inputs = new VoteInputs(["a", "b", "beacon"], GraphInput.Empty, [new(0, ["a", "b"])], [])
        {
            Beacons = new Dictionary<string, BeaconInput> { ["beacon"] = new(40, "192.0.2.1:443/tcp", 300, 2) },
        };

        var result = Voter.Vote(inputs);

        Assert.Equal(["a", "b", "beacon"], result.Hosts.Select(h => h.Host));
        Assert.Equal(VoteKind.None, result.Hosts[2].Votes);
    }
}
