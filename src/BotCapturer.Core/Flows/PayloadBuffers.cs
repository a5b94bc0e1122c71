namespace BotCapturer.Flows;

/// <summary>
/// The payload-prefix buffers of one <see cref="FlowTable"/>, reused: a flow's buffers go with it to the sinks, and
/// when its <see cref="Flow"/> object comes back through the <see cref="FlowRecycler"/> (no sink keeps a flow or
/// anything it references) they come back here for the next flows. Sizes are a few classes (64, 128, ... bytes up
/// to the cap) so that a returned buffer fits a later flow. Without this, `run` (1 KiB prefixes) allocated a new
/// buffer for every flow with payload, and the buffers of long open flows outlived a few collections: 28 gen-1
/// collections on the 10M-packet mix (docs/performance.md).
/// </summary>
internal sealed class PayloadBuffers
{
    private const int Smallest = 64;

    // Enough for the flows of the batches in flight between the tables and the sinks; more are left to the GC.
    private const int MaxPooledPerSize = 1 << 14;

    private readonly int[] _sizes;
    private readonly Stack<byte[]>[] _pools;

    public PayloadBuffers(int cap)
    {
        var sizes = new List<int>();
        for (var size = Smallest; size < cap; size *= 2)
        {
            sizes.Add(size);
        }

        sizes.Add(Math.Max(cap, 1));
        _sizes = [.. sizes];
        _pools = [.. _sizes.Select(_ => new Stack<byte[]>())];
    }

    /// <summary>A buffer of at least <paramref name="needed"/> bytes (at most the cap), with old bytes in it.</summary>
    public byte[] Rent(int needed)
    {
        var k = 0;
        while (k < _sizes.Length - 1 && _sizes[k] < needed)
        {
            k++;
        }

        return _pools[k].TryPop(out var buffer) ? buffer : new byte[_sizes[k]];
    }

    /// <summary>Takes back a buffer no flow uses any more; one of another size (not made here) is left to the GC.</summary>
    public void Return(byte[]? buffer)
    {
        if (buffer is null)
        {
            return;
        }

        var k = Array.IndexOf(_sizes, buffer.Length);
        if (k >= 0 && _pools[k].Count < MaxPooledPerSize)
        {
            _pools[k].Push(buffer);
        }
    }
}
