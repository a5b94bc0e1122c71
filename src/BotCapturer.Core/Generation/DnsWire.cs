using System.Buffers.Binary;
using System.Text;

namespace BotCapturer.Generation;

/// <summary>DNS messages in wire format (RFC 1035 §4.1): standard queries and their responses, with name compression.</summary>
internal static class DnsWire
{
    public const ushort TypeA = 1;
    public const ushort TypeMx = 15;
    public const ushort TypeAaaa = 28;

    /// <summary>A recursive query (RD set) for one name.</summary>
    public static byte[] Query(ushort id, string name, ushort type)
    {
        var message = new byte[12 + NameLength(name) + 4];
        WriteHeader(message, id, 0x0100, answers: 0, additional: 0);
        WriteQuestion(message.AsSpan(12), name, type);
        return message;
    }

    /// <summary>
    /// The answer to <see cref="Query"/>: QR, RD, RA set; A records for <paramref name="addresses"/> (type A), an MX
    /// record for <paramref name="mailHost"/> with its A record as additional data (type MX), or no answer
    /// (NOERROR/NODATA, e.g. AAAA for an IPv4-only name). <paramref name="nameError"/> gives NXDOMAIN.
    /// </summary>
    public static byte[] Response(ushort id, string name, ushort type, uint ttl, IReadOnlyList<uint> addresses, string? mailHost = null, bool nameError = false)
    {
        var question = NameLength(name) + 4;
        var answers = nameError ? 0 : type == TypeA ? addresses.Count : type == TypeMx && mailHost is not null ? 1 : 0;
        var mx = type == TypeMx && answers == 1;
        var size = 12 + question + (type == TypeA ? answers * 16 : 0) + (mx ? 12 + 2 + NameLength(mailHost!) + (addresses.Count * 16) : 0);
        var message = new byte[size];
        WriteHeader(message, id, (ushort)(0x8180 | (nameError ? 3 : 0)), (ushort)answers, (ushort)(mx ? addresses.Count : 0));
        WriteQuestion(message.AsSpan(12), name, type);
        var at = 12 + question;
        if (type == TypeA)
        {
            foreach (var address in addresses.Take(answers))
            {
                at += WriteRecord(message.AsSpan(at), 0xC00C, TypeA, ttl, 4);
                BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(at), address);
                at += 4;
            }
        }
        else if (mx)
        {
            var exchange = NameLength(mailHost!);
            at += WriteRecord(message.AsSpan(at), 0xC00C, TypeMx, ttl, (ushort)(2 + exchange));
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(at), 10); // preference
            var exchangeOffset = at + 2;
            WriteName(message.AsSpan(exchangeOffset), mailHost!);
            at = exchangeOffset + exchange;
            foreach (var address in addresses)
            {
                at += WriteRecord(message.AsSpan(at), (ushort)(0xC000 | exchangeOffset), TypeA, ttl, 4);
                BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(at), address);
                at += 4;
            }
        }

        return message;
    }

    private static void WriteHeader(Span<byte> message, ushort id, ushort flags, ushort answers, ushort additional)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], answers);
        BinaryPrimitives.WriteUInt16BigEndian(message[8..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(message[10..], additional);
    }

    private static void WriteQuestion(Span<byte> destination, string name, ushort type)
    {
        var length = WriteName(destination, name);
        BinaryPrimitives.WriteUInt16BigEndian(destination[length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(length + 2)..], 1); // class IN
    }

    private static int WriteRecord(Span<byte> destination, ushort namePointer, ushort type, uint ttl, ushort dataLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, namePointer);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[6..], ttl);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], dataLength);
        return 12;
    }

    private static int NameLength(string name) => Encoding.ASCII.GetByteCount(name) + 2;

    private static int WriteName(Span<byte> destination, string name)
    {
        // RFC 1035 §3.1: length-prefixed labels, ending with the zero-length root label
        var at = 0;
        foreach (var label in name.Split('.'))
        {
            destination[at++] = (byte)label.Length;
            at += Encoding.ASCII.GetBytes(label, destination[at..]);
        }

        destination[at++] = 0;
        return at;
    }
}
