using System.Buffers.Binary;
using BotCapturer.Capture;

namespace BotCapturer.Fuzz;

/// <summary>
/// A small structure-aware mutator for the in-process mutation test (and the harness's <c>mutate</c> mode): bit flips,
/// byte sets, truncations, edits of the length fields of pcap record headers and pcapng block headers, range
/// deletions and duplications, and splices from another capture. Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class CaptureMutator
{
    private static readonly uint[] InterestingLengths =
        [0, 1, 3, 4, 11, 12, 13, 15, 16, 20, 24, 27, 28, 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000, 16 * 1024 * 1024, 16 * 1024 * 1024 + 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, 0x40, 0x45, 0x60, 0x4F, 0x08, 0x86, 0xDD];

    /// <summary>Returns a mutated copy of <paramref name="input"/> after 1 to 4 stacked mutations.</summary>
    public static byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus, Random random)
    {
        var data = input.ToList();
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            MutateOnce(data, corpus, random);
        }

        return [.. data];
    }

    /// <summary>Offsets of the record (pcap) or block (pcapng) headers, found by parsing the input as far as it parses.</summary>
    public static List<int> HeaderOffsets(ReadOnlySpan<byte> data)
    {
        var offsets = new List<int>();
        if (!CaptureFormat.TryCreate(data[..Math.Min(data.Length, CaptureFormat.SniffLength)], out var parser, out var offset, out _))
        {
            return offsets;
        }

        while (offset < data.Length && offsets.Count < 10_000)
        {
            var status = parser!.TryRead(data[offset..], out _, out var used);
            if (status is ReadStatus.NeedMoreData or ReadStatus.Error || used <= 0)
            {
                break;
            }

            offsets.Add(offset);
            offset += used;
        }

        return offsets;
    }

    private static void MutateOnce(List<byte> data, IReadOnlyList<byte[]> corpus, Random random)
    {
        if (data.Count == 0)
        {
            data.AddRange(corpus[random.Next(corpus.Count)]);
            return;
        }

        switch (random.Next(8))
        {
            case 0:
                {
                    var i = random.Next(data.Count);
                    data[i] ^= (byte)(1 << random.Next(8));
                    break;
                }

            case 1:
                data[random.Next(data.Count)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 2:
                {
                    var cut = random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                }

            case 3:
            case 4:
                EditLengthField(data, random);
                break;
            case 5:
                {
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, random.Next(Math.Min(64, data.Count - start) + 1));
                    break;
                }

            case 6:
                {
                    var start = random.Next(data.Count);
                    var length = random.Next(Math.Min(64, data.Count - start) + 1);
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(start, length));
                    break;
                }

            default:
                {
                    // Splice: the head of this input and the tail of another (or of itself).
                    var other = corpus[random.Next(corpus.Count)];
                    var cut = random.Next(data.Count + 1);
                    var from = random.Next(other.Length + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    data.AddRange(other.AsSpan(from).ToArray());
                    break;
                }
        }
    }

    private static void EditLengthField(List<byte> data, Random random)
    {
        var bytes = data.ToArray();
        var headers = HeaderOffsets(bytes);
        if (headers.Count == 0)
        {
            data[random.Next(data.Count)] ^= 0xFF;
            return;
        }

        var header = headers[random.Next(headers.Count)];

        // pcap record header: caplen at +8, len at +12 (pcap draft §5); pcapng block: total length at +4, EPB/PB
        // captured length at +20 and original at +24 (pcapng draft §4.3), trailing length at the block's end.
        int[] fields = [4, 8, 12, 20, 24];
        var at = header + fields[random.Next(fields.Length)];
        if (at + 4 > bytes.Length)
        {
            return;
        }

        var value = random.Next(3) == 0
            ? (uint)(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) + random.Next(-8, 9))
            : InterestingLengths[random.Next(InterestingLengths.Length)];
        if (random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
        }

        data.Clear();
        data.AddRange(bytes);
    }
}
