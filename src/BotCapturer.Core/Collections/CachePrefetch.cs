using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace BotCapturer.Collections;

/// <summary>
/// Asks the CPU to start loading memory that will be read shortly (x86 <c>PREFETCHT0</c>; a no-op elsewhere), so that
/// the cache misses of lookups a few items ahead overlap instead of following one another. A prefetch never faults
/// and nothing is read through the pointer, so the element need not be pinned: if the GC moves the array meanwhile,
/// the hint is merely wasted.
/// </summary>
internal static class CachePrefetch
{
    private const int LineBytes = 64;

    /// <summary>Prefetches the cache line holding the start of <paramref name="element"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line<T>(ref T element)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref element));
        }
    }

    /// <summary>Prefetches the first <paramref name="bytes"/> bytes of an object on the heap (its fields, from its method-table pointer on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object target, int bytes)
    {
        if (Sse.IsSupported)
        {
            // The same view of an object's fields as the runtime's own RuntimeHelpers.GetRawData: its first byte after the
            // method-table pointer.
            var start = (byte*)Unsafe.AsPointer(ref Unsafe.As<RawData>(target).Data) - sizeof(nint);
            for (var offset = 0; offset < bytes; offset += LineBytes)
            {
                Sse.Prefetch0(start + offset);
            }
        }
    }

    /// <summary>Prefetches every cache line <paramref name="element"/> spans (a struct larger than one line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Whole<T>(ref T element)
        where T : struct
    {
        if (Sse.IsSupported)
        {
            var start = (byte*)Unsafe.AsPointer(ref element);
            var end = start + Unsafe.SizeOf<T>() - 1;
            for (var p = start; p <= end; p += LineBytes)
            {
                Sse.Prefetch0(p);
            }

            // The last line, when the struct does not start on a line boundary and so spans one more.
            Sse.Prefetch0(end);
        }
    }

    /// <summary>Never made: a view laid over any object to reach its fields.</summary>
    private sealed class RawData
    {
#pragma warning disable CS0649 // only its address is taken
        public byte Data;
#pragma warning restore CS0649
    }
}
