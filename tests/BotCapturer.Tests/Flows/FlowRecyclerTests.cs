using BotCapturer.Capture;
using BotCapturer.Decode;
using BotCapturer.Flows;
using static BotCapturer.Tests.TestFrames;

namespace BotCapturer.Tests.Flows;

public sealed class FlowRecyclerTests
{
    [Fact]
    public void Recycled_flow_objects_carry_exactly_what_new_ones_would()
    {
        var packets = RandomPackets(new Random(7), 20_000);
        var fresh = new List<string>();
        var plain = new FlowTable(new FlowOptions { PayloadBytes = 16 });
        Run(plain, packets, batch => fresh.AddRange(batch.Select(Describe)));

        var recycled = new List<string>();
        var seen = new HashSet<Flow>(ReferenceEqualityComparer.Instance);
        var reused = 0;
        var recycler = new FlowRecycler();
        var table = new FlowTable(new FlowOptions { PayloadBytes = 16 }) { Recycler = recycler };
        Run(table, packets, batch =>
        {
            recycled.AddRange(batch.Select(Describe));
            reused += batch.Count(flow => !seen.Add(flow));
            batch.ForEach(Poison); // whatever the table does not overwrite shows up as garbage
            recycler.Return(batch); // a consumer done with the batch
        });

        Assert.Equal(fresh, recycled);
        Assert.True(reused > fresh.Count / 2, $"only {reused} of {fresh.Count} flows reused an object");
    }

    private static void Run(FlowTable table, List<(double Seconds, byte[] Frame)> packets, Action<List<Flow>> consume)
    {
        foreach (var (seconds, frame) in packets)
        {
            Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, frame.Length, out var p));
            table.Add(p, Seconds(seconds), frame.Length, frame);
            if (table.Completed.Count >= 50)
            {
                consume([.. table.Completed]);
                table.Completed.Clear();
            }
        }

        table.Flush();
        consume([.. table.Completed]);
    }

    /// <summary>Short TCP conversations and lone SYNs between a few hosts, with payloads, spread over idle timeouts.</summary>
    private static List<(double, byte[])> RandomPackets(Random random, int count)
    {
        byte[] flags = [0x02, 0x12, 0x10, 0x18, 0x11, 0x04];
        var packets = new List<(double, byte[])>(count);
        var t = 1_000.0;
        for (var i = 0; i < count; i++)
        {
            t += random.NextDouble() * 0.5;
            var client = $"10.0.{random.Next(4)}.{random.Next(1, 20)}";
            var port = (ushort)(40000 + random.Next(30));
            var payload = random.Next(3) == 0 ? new byte[random.Next(1, 40)] : null;
            if (payload is not null)
            {
                random.NextBytes(payload);
            }

            var f = flags[random.Next(flags.Length)];
            packets.Add((t, random.Next(2) == 0
                ? EthIPv4Tcp(client, port, "192.0.2.1", 80, f, payload, (uint)random.Next(1000, 1010))
                : EthIPv4Tcp("192.0.2.1", 80, client, port, f, payload, (uint)random.Next(5000, 5010))));
        }

        return packets;
    }

    private static readonly System.Reflection.PropertyInfo[] Properties = [.. typeof(Flow).GetProperties().Where(p => !p.PropertyType.IsByRefLike)];

    /// <summary>Every property of the flow (found by reflection, so a property added later is covered too).</summary>
    private static string Describe(Flow f) => string.Join(' ', Properties.Select(p => p.GetValue(f) switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        var value => value?.ToString(),
    }));

    /// <summary>Sets every settable property to a value the table would not produce.</summary>
    private static void Poison(Flow f)
    {
        foreach (var p in Properties.Where(p => p.SetMethod is not null))
        {
            object value = p.PropertyType switch
            {
                var t when t == typeof(long) => -123_456L,
                var t when t == typeof(int) => 3,
                var t when t == typeof(bool) => !(bool)p.GetValue(f)!,
                var t when t == typeof(byte[]) => new byte[] { 0xEE, 0xEE, 0xEE },
                var t when t == typeof(FlowKey) => new FlowKey(99, default, 1, default, 2),
                var t when t.IsEnum => Enum.ToObject(t, 0x7F),
                var t => throw new InvalidOperationException($"no poison for {t}"),
            };
            p.SetValue(f, value);
        }
    }
}
