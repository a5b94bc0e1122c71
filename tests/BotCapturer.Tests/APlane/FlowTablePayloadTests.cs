using System.Text;
using BotCapturer.Decode;
using BotCapturer.Flows;
using BotCapturer.Net;

namespace BotCapturer.Tests.APlane;

/// <summary>The payload prefixes the A-plane reads: in-order TCP reassembly of each direction's first bytes.</summary>
public class FlowTablePayloadTests
{
    private static readonly HostAddress Client = HostAddress.Parse("192.168.1.196");
    private static readonly HostAddress Server = HostAddress.Parse("104.248.160.24");
    private const uint ClientIsn = 2022383500;
    private const uint ServerIsn = 756784430;

    private static void Send(FlowTable table, bool fromClient, TcpFlags flags, uint seq, byte[] payload, long ns)
    {
        var packet = fromClient
            ? new DecodedPacket(Client, Server, 59946, 80, (byte)IpProtocol.Tcp, flags, 0, payload.Length, payload.Length, seq, 40 + payload.Length)
            : new DecodedPacket(Server, Client, 80, 59946, (byte)IpProtocol.Tcp, flags, 0, payload.Length, payload.Length, seq, 40 + payload.Length);
        table.Add(packet, ns, 54 + payload.Length, payload);
    }

    private static (byte[] Response, byte[][] Segments) ResponseInSegments()
    {
        var headers = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"X-Header-{i:D2}: {new string('v', 40)}\r\n")) + "\r\n";
        byte[] response = [.. Encoding.ASCII.GetBytes(headers), .. "\u007fELF\u0001\u0001\u0001"u8.ToArray(), .. new byte[2000]];
        Assert.True(headers.Length > 1448); // the headers alone need more than one segment
        return (response, response.Chunk(1448).ToArray());
    }

    private static Flow Handshake(FlowTable table, out long ns)
    {
        ns = 1_000_000_000;
        Send(table, true, TcpFlags.Syn, ClientIsn, [], ns++);
        Send(table, false, TcpFlags.Syn | TcpFlags.Ack, ServerIsn, [], ns++);
        Send(table, true, TcpFlags.Ack, ClientIsn + 1, [], ns++);
        Send(table, true, TcpFlags.Ack | TcpFlags.Psh, ClientIsn + 1, "GET /tftp HTTP/1.1\r\n\r\n"u8.ToArray(), ns++);
        table.Flush();
        var flow = Assert.Single(table.Completed);
        table.Completed.Clear();
        return flow;
    }

    [Fact]
    public void Response_headers_longer_than_one_segment_are_kept_in_order_up_to_the_cap()
    {
        var table = new FlowTable(FlowOptions.Default with { PayloadBytes = 3 * 1024 });
        var ns = 0L;
        Send(table, true, TcpFlags.Syn, ClientIsn, [], ns++);
        Send(table, false, TcpFlags.Syn | TcpFlags.Ack, ServerIsn, [], ns++);
        var (response, segments) = ResponseInSegments();
        var seq = ServerIsn + 1;
        foreach (var segment in segments)
        {
            Send(table, false, TcpFlags.Ack, seq, segment, ns++);
            seq += (uint)segment.Length;
        }

        table.Flush();
        var flow = Assert.Single(table.Completed);
        Assert.True(response.Length > 3 * 1024);
        Assert.Equal(response.AsSpan(0, 3 * 1024).ToArray(), flow.DestinationPayloadPrefix.ToArray());
    }

    [Fact]
    public void A_later_segment_arriving_first_is_not_taken_for_the_start_of_the_stream()
    {
        // As in stratocyberlab class11-capture1 (GET /tftp): the response's second segment was captured before its first.
        var table = new FlowTable(FlowOptions.Default with { PayloadBytes = 1024 });
        var ns = 0L;
        Send(table, true, TcpFlags.Syn, ClientIsn, [], ns++);
        Send(table, false, TcpFlags.Syn | TcpFlags.Ack, ServerIsn, [], ns++);
        var (response, segments) = ResponseInSegments();
        Send(table, false, TcpFlags.Ack, ServerIsn + 1 + 1448, segments[1], ns++);
        Send(table, false, TcpFlags.Ack, ServerIsn + 1, segments[0], ns++);
        Send(table, false, TcpFlags.Ack, ServerIsn + 1 + 1448, segments[1], ns++);

        table.Flush();
        var flow = Assert.Single(table.Completed);
        Assert.Equal(response.AsSpan(0, 1024).ToArray(), flow.DestinationPayloadPrefix.ToArray());
    }

    [Fact]
    public void A_segment_cut_by_the_snap_length_ends_the_prefix()
    {
        var table = new FlowTable(FlowOptions.Default with { PayloadBytes = 4096 });
        Send(table, true, TcpFlags.Syn, ClientIsn, [], 1);
        Send(table, false, TcpFlags.Syn | TcpFlags.Ack, ServerIsn, [], 2);
        var (_, segments) = ResponseInSegments();
        var cut = new DecodedPacket(Server, Client, 80, 59946, (byte)IpProtocol.Tcp, TcpFlags.Ack, 0, 100, 1448, ServerIsn + 1, 1488);
        table.Add(cut, 3, 1502, segments[0].AsSpan(0, 100));
        Send(table, false, TcpFlags.Ack, ServerIsn + 1 + 1448, segments[1], 4);

        table.Flush();
        Assert.Equal(segments[0].AsSpan(0, 100).ToArray(), Assert.Single(table.Completed).DestinationPayloadPrefix.ToArray());
    }

    [Fact]
    public void Without_a_handshake_the_first_segment_seen_starts_the_prefix()
    {
        var table = new FlowTable(FlowOptions.Default with { PayloadBytes = 64 });
        Send(table, false, TcpFlags.Ack, 5000, "HTTP/1.1 200 OK\r\n"u8.ToArray(), 1);
        table.Flush();
        Assert.Equal("HTTP/1.1 200 OK\r\n"u8.ToArray(), Assert.Single(table.Completed).SourcePayloadPrefix.ToArray());
    }

    [Fact]
    public void Client_request_after_the_handshake_is_kept()
    {
        var flow = Handshake(new FlowTable(FlowOptions.Default with { PayloadBytes = 1024 }), out _);
        Assert.Equal("GET /tftp HTTP/1.1\r\n\r\n"u8.ToArray(), flow.SourcePayloadPrefix.ToArray());
    }
}
