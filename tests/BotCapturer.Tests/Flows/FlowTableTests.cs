using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;
using static BotCapturer.Tests.TestFrames;

namespace BotCapturer.Tests.Flows;

public sealed class FlowTableTests
{
    private const byte Syn = 0x02, SynAck = 0x12, Ack = 0x10, PshAck = 0x18, FinAck = 0x11, Rst = 0x04;

    private static void Add(FlowTable table, double seconds, byte[] frame)
    {
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, frame.Length, out var p));
        table.Add(p, Seconds(seconds), frame.Length, frame);
    }

    private static List<Flow> Finish(FlowTable table)
    {
        table.Flush();
        return table.Completed;
    }

    private static byte[] C2S(byte flags, byte[]? payload = null, uint seq = 1000) => EthIPv4Tcp("10.0.0.5", 40000, "192.0.2.1", 80, flags, payload, seq);

    private static byte[] S2C(byte flags, byte[]? payload = null, uint seq = 5000) => EthIPv4Tcp("192.0.2.1", 80, "10.0.0.5", 40000, flags, payload, seq);

    [Fact]
    public void A_full_tcp_connection_is_one_flow_from_the_syn_sender()
    {
        var table = new FlowTable();
        Add(table, 0, S2C(Rst)); // unrelated noise would be a separate key; keep this flow clean
        table = new FlowTable();
        Add(table, 10.0, C2S(Syn));
        Add(table, 10.1, S2C(SynAck));
        Add(table, 10.2, C2S(Ack, seq: 1001));
        Add(table, 10.3, C2S(PshAck, "GET / HTTP/1.1\r\n"u8.ToArray(), seq: 1001));
        Add(table, 10.4, S2C(PshAck, "HTTP/1.1 200 OK\r\n"u8.ToArray(), seq: 5001));
        Add(table, 10.5, C2S(FinAck, seq: 1017));
        Add(table, 10.6, S2C(FinAck, seq: 5018));
        Add(table, 10.7, C2S(Ack, seq: 1018)); // last ACK after both FINs stays in the flow
        var flow = Assert.Single(Finish(table));
        Assert.Equal("10.0.0.5", flow.Source.ToString());
        Assert.Equal((40000, 80), (flow.SourcePort, flow.DestinationPort));
        Assert.Equal((5L, 3L), (flow.SourcePackets, flow.DestinationPackets));
        Assert.Equal("SF", flow.State);
        Assert.Equal(FlowEnd.Fin, flow.End);
        Assert.Equal("GET / HTTP/1.1\r\n", System.Text.Encoding.ASCII.GetString(flow.SourcePayloadPrefix));
        Assert.Equal("HTTP/1.1 200 OK\r\n", System.Text.Encoding.ASCII.GetString(flow.DestinationPayloadPrefix));
        Assert.Equal(Seconds(10.0), flow.StartNs);
        Assert.Equal(Seconds(10.7), flow.EndNs);
    }

    [Fact]
    public void A_syn_ack_seen_first_makes_its_receiver_the_initiator()
    {
        var table = new FlowTable();
        Add(table, 1, S2C(SynAck));
        Add(table, 2, C2S(Ack));
        var flow = Assert.Single(Finish(table));
        Assert.Equal("10.0.0.5", flow.Source.ToString());
        Assert.Equal("OTH", flow.State);
    }

    [Theory]
    [InlineData(new[] { Syn }, new byte[0], "S0")]
    [InlineData(new[] { Syn }, new[] { Rst }, "REJ")]
    [InlineData(new[] { Syn, Ack }, new[] { SynAck }, "S1")]
    [InlineData(new[] { Syn, Ack, Rst }, new[] { SynAck }, "RSTO")]
    [InlineData(new[] { Syn, Ack }, new[] { SynAck, Rst }, "RSTR")]
    [InlineData(new[] { Syn, Ack, FinAck }, new[] { SynAck }, "S2")]
    [InlineData(new[] { Ack }, new[] { Ack }, "OTH")]
    public void Connection_states_follow_zeek(byte[] fromClient, byte[] fromServer, string expected)
    {
        var table = new FlowTable();
        var t = 0.0;
        // interleave: client packet, then server packet, ...
        for (var i = 0; i < Math.Max(fromClient.Length, fromServer.Length); i++)
        {
            if (i < fromClient.Length)
            {
                Add(table, t += 0.01, C2S(fromClient[i]));
            }

            if (i < fromServer.Length)
            {
                Add(table, t += 0.01, S2C(fromServer[i]));
            }
        }

        Assert.Equal(expected, Assert.Single(Finish(table)).State);
    }

    [Fact]
    public void A_new_syn_on_a_closed_five_tuple_starts_a_new_flow()
    {
        var table = new FlowTable();
        Add(table, 1, C2S(Syn));
        Add(table, 1.1, S2C(Rst | Ack));
        Add(table, 2, C2S(Syn));
        var flows = Finish(table);
        Assert.Equal(2, flows.Count);
        Assert.Equal(["REJ", "S0"], flows.Select(f => f.State));
        Assert.Equal(FlowEnd.Reset, flows[0].End);
    }

    [Fact]
    public void Idle_timeouts_split_flows_and_sweeps_evict_them()
    {
        var table = new FlowTable(new FlowOptions { UdpTimeout = TimeSpan.FromSeconds(60) });
        var dns = Ethernet(0x0800, IPv4("10.0.0.5", "10.0.0.53", 17, Udp(5353, 53, [1])));
        Add(table, 0, dns);
        Add(table, 59, dns);
        Add(table, 200, dns);      // 141 s idle: a new flow
        Assert.Single(table.Completed);
        Assert.Equal(FlowEnd.Idle, table.Completed[0].End);
        Assert.Equal(2, table.Completed[0].SourcePackets);
        var other = Ethernet(0x0800, IPv4("10.0.0.6", "10.0.0.53", 17, Udp(5353, 53, [1])));
        Add(table, 400, other);    // time advances: the sweep evicts the idle flow at 200
        Assert.Equal(2, table.Completed.Count);
        Assert.Equal(1, table.ActiveCount);
    }

    [Fact]
    public void Time_going_back_past_every_timeout_ends_open_flows_and_restarts_the_clock()
    {
        // A capture whose copies were shifted past 2106 wraps its 32-bit seconds: time falls back by years.
        var table = new FlowTable();
        var later = 4_000_000_000.0;
        Add(table, later, C2S(Syn));
        Add(table, later + 0.1, S2C(SynAck));
        var dns = Ethernet(0x0800, IPv4("10.0.0.5", "10.0.0.53", 17, Udp(5353, 53, [1])));
        Add(table, later + 1, dns);
        Add(table, 1000, C2S(Syn));       // the same 5-tuple, 126 years earlier: not the same connection
        Assert.Equal(1, table.TimeJumps);
        Assert.Equal(2, table.Completed.Count);
        Assert.All(table.Completed, f => Assert.Equal(FlowEnd.Idle, f.End));
        Assert.All(table.Completed, f => Assert.False(f.MayContinueLater));
        Assert.Equal(1, table.ActiveCount);
        Add(table, 1000 + 400, dns);      // the clock runs again from the new time: the sweep evicts the idle SYN
        Assert.Equal(3, table.Completed.Count);
        Assert.Equal(Seconds(1000), table.Completed[2].StartNs);
    }

    [Fact]
    public void Time_going_back_within_a_timeout_keeps_flows_open()
    {
        var table = new FlowTable(new FlowOptions { UdpTimeout = TimeSpan.FromSeconds(60) });
        var dns = Ethernet(0x0800, IPv4("10.0.0.5", "10.0.0.53", 17, Udp(5353, 53, [1])));
        Add(table, 1000, dns);
        Add(table, 900, dns);             // 100 s back: longer than the UDP timeout but not the TCP one (300 s)
        Assert.Equal(0, table.TimeJumps);
        var flow = Assert.Single(Finish(table));
        Assert.Equal(2, flow.SourcePackets);
    }

    [Fact]
    public void Payload_prefix_keeps_in_order_bytes_and_ignores_retransmissions()
    {
        var table = new FlowTable(new FlowOptions { PayloadBytes = 10 });
        Add(table, 1, C2S(PshAck, "abcd"u8.ToArray(), seq: 1));
        Add(table, 2, C2S(PshAck, "abcd"u8.ToArray(), seq: 1));   // retransmission
        Add(table, 3, C2S(PshAck, "XYZ"u8.ToArray(), seq: 100));  // out of order
        Add(table, 4, C2S(PshAck, "efghijkl"u8.ToArray(), seq: 5));
        var flow = Assert.Single(Finish(table));
        Assert.Equal("abcdefghij", System.Text.Encoding.ASCII.GetString(flow.SourcePayloadPrefix));
        Assert.Equal(19, flow.SourcePayloadBytes);
    }

    [Fact]
    public void Icmp_echo_request_and_reply_share_a_flow()
    {
        var table = new FlowTable();
        Add(table, 1, Ethernet(0x0800, IPv4("10.0.0.1", "10.0.0.2", 1, [8, 0, 0, 0, 0, 1, 0, 1])));
        Add(table, 2, Ethernet(0x0800, IPv4("10.0.0.2", "10.0.0.1", 1, [0, 0, 0, 0, 0, 1, 0, 1])));
        var flow = Assert.Single(Finish(table));
        Assert.Equal((1L, 1L, (ushort)8), (flow.SourcePackets, flow.DestinationPackets, flow.SourcePort));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(700)]
    [InlineData(4096)]
    public void A_batch_makes_the_same_flows_as_its_packets_one_by_one(int batchSize)
    {
        var packets = ManyPackets(new Random(5), 6_000, payloads: true);
        var options = new FlowOptions { TcpTimeout = TimeSpan.FromSeconds(120), PayloadBytes = 24 };
        var single = new FlowTable(options);
        foreach (var p in packets)
        {
            single.Add(p.Packet, p.Ns, p.Frame.Length, p.Frame);
        }

        // As a shard gets them: the batch's frames one after another in one arena, each packet's payload offset into it.
        var batched = new FlowTable(options);
        foreach (var chunk in packets.Chunk(batchSize))
        {
            var arena = chunk.SelectMany(p => p.Frame).ToArray();
            var records = new List<PacketRecord>();
            var at = 0;
            foreach (var p in chunk)
            {
                records.Add(new PacketRecord(p.Packet with { PayloadOffset = at + p.Packet.PayloadOffset }, p.Ns, p.Frame.Length));
                at += p.Frame.Length;
            }

            batched.AddBatch(records.ToArray(), arena);
        }

        var expected = Finish(single).Select(Describe).ToList();
        Assert.Equal(expected, Finish(batched).Select(Describe).ToList());
        Assert.Contains(expected, f => f.Split(' ')[^2].Length > 0); // some payload prefixes went through the arena
    }

    [Fact]
    public void Packets_looked_up_long_before_they_are_added_make_the_same_flows()
    {
        // Lone SYNs, handshakes and resets over many keys and a few idle timeouts: flows end, keys come back for new
        // flows, the index grows and slots are reused between a packet's lookup and its adding.
        var packets = ManyPackets(new Random(11), 30_000, payloads: false);
        var direct = new FlowTable(new FlowOptions { TcpTimeout = TimeSpan.FromSeconds(120) });
        var mostOpen = 0;
        foreach (var p in packets)
        {
            direct.Add(p.Packet, p.Ns, p.Frame.Length, p.Frame);
            mostOpen = Math.Max(mostOpen, direct.ActiveCount);
        }

        var ahead = new FlowTable(new FlowOptions { TcpTimeout = TimeSpan.FromSeconds(120) });
        var looked = packets.Select(p => ahead.Look(p.Packet)).ToList();
        for (var i = 0; i < packets.Count; i++)
        {
            ahead.PrefetchFlow(looked[Math.Min(i + 5, packets.Count - 1)]);
            ahead.Add(looked[i], packets[i].Packet, packets[i].Ns, packets[i].Frame.Length, packets[i].Frame);
        }

        var expected = Finish(direct).Select(Describe).ToList();
        Assert.Equal(expected, Finish(ahead).Select(Describe).ToList());
        Assert.True(expected.Count > 5_000, $"only {expected.Count} flows");
        Assert.True(mostOpen > 2_048, $"at most {mostOpen} flows open: the index never grew"); // FlowIndex starts at 4,096 entries, half full
    }

    /// <summary>A flow's key, times, counters, end and payload prefixes, for comparing the flows of two tables.</summary>
    private static string Describe(Flow f) =>
        $"{f} {f.StartNs} {f.EndNs} {f.SourceBytes} {f.DestinationBytes} {f.End} {Convert.ToHexString(f.SourcePayloadPrefix)} {Convert.ToHexString(f.DestinationPayloadPrefix)}";

    /// <summary>Lone SYNs, handshakes, data and resets between many clients and one server, over a few TCP idle timeouts of 120 s.</summary>
    private static List<(DecodedPacket Packet, long Ns, byte[] Frame)> ManyPackets(Random random, int count, bool payloads)
    {
        byte[] flags = [Syn, SynAck, Ack, PshAck, FinAck, Rst];
        var packets = new List<(DecodedPacket, long, byte[])>(count);
        var t = 1_000.0;
        for (var i = 0; i < count; i++)
        {
            t += random.NextDouble() * 0.04;
            var client = $"10.{random.Next(3)}.{random.Next(40)}.{random.Next(1, 40)}";
            var port = (ushort)(40000 + random.Next(4));
            var f = flags[random.Next(flags.Length)];
            var payload = payloads && f == PshAck ? new byte[random.Next(1, 30)] : null;
            if (payload is not null)
            {
                random.NextBytes(payload);
            }

            var frame = random.Next(2) == 0
                ? EthIPv4Tcp(client, port, "192.0.2.1", 80, f, payload, (uint)random.Next(1000, 1003))
                : EthIPv4Tcp("192.0.2.1", 80, client, port, f, payload, (uint)random.Next(5000, 5003));
            Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, frame.Length, out var decoded));
            packets.Add((decoded, Seconds(t), frame));
        }

        return packets;
    }
}
