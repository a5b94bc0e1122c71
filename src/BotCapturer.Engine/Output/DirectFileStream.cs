using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BotCapturer.Engine.Output;

/// <summary>
/// An append-only stream onto a new regular file opened for direct I/O (Linux <c>O_DIRECT</c>): bytes go from two
/// aligned buffers to the device without passing through the page cache, one buffer written in the background while
/// the other fills.
/// </summary>
/// <remarks>
/// For outputs of hundreds of megabytes (the flows of a large capture). A buffered write copies every byte into a
/// page-cache page the kernel allocates first; where that memory was handed back to the hypervisor (virtio-balloon
/// free page reporting, as on this project's benchmark VMs) the first touch of each page costs a host fault: writing
/// the 542 MB flows.csv of the 10M-packet mix took 1.3–2.4 s of system CPU buffered and 0.2 s direct
/// (docs/performance.md). The end of the file, which is not a whole block, is written padded to one and the file is
/// then cut to its length. Writes become as fast as the device, which only a disk slower than the output (about
/// 130 MB/s for `run` on two cores) would notice.
/// </remarks>
internal sealed partial class DirectFileStream : Stream
{
    /// <summary>Offsets, lengths and buffer addresses of direct I/O must be multiples of the logical block size, 4 KiB at most.</summary>
    private const int Alignment = 4096;

    private const int BufferBytes = 4 << 20;

    private readonly FileStream _file;
    private readonly AlignedBuffer[] _buffers = [new(BufferBytes, Alignment), new(BufferBytes, Alignment)];
    private Task _writing = Task.CompletedTask;
    private int _current;
    private int _filled;
    private long _bufferOffset;
    private bool _disposed;

    /// <summary>Bytes were written since the last flush.</summary>
    private bool _unflushed;

    private DirectFileStream(FileStream file) => _file = file;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => _bufferOffset + _filled;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Switches <paramref name="file"/> (a new, empty regular file) to direct I/O and returns a stream writing to it, or
    /// null where direct I/O is unavailable (another OS, a file system without it such as tmpfs): write to the file as
    /// it is then.
    /// </summary>
    public static Stream? TryCreate(FileStream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } direct || !TrySetFlag(file.SafeFileHandle, direct))
        {
            return null;
        }

        // Some file systems accept the flag and refuse the writes: try one block (overwritten or cut off later).
        try
        {
            using IDisposable owner = new AlignedBuffer(Alignment, Alignment);
            var probe = (AlignedBuffer)owner;
            RandomAccess.Write(file.SafeFileHandle, probe.Span, 0);
            RandomAccess.SetLength(file.SafeFileHandle, 0);
            return new DirectFileStream(file);
        }
        catch (IOException)
        {
            TryClearFlag(file.SafeFileHandle, direct);
            RandomAccess.SetLength(file.SafeFileHandle, 0);
            return null;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Append(buffer)..];
            if (_filled == BufferBytes)
            {
                _writing.GetAwaiter().GetResult();
                StartWritingFullBuffer();
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Append(buffer.Span)..];
            if (_filled == BufferBytes)
            {
                await _writing.WaitAsync(cancellationToken);
                StartWritingFullBuffer();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Writes everything so far: the last partial block padded to a whole one, then the file cut to its length.</summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writing.GetAwaiter().GetResult();
        WriteTail();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writing.WaitAsync(cancellationToken);
        WriteTail();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            try
            {
                Flush();
            }
            finally
            {
                Release();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            try
            {
                await FlushAsync(CancellationToken.None);
            }
            finally
            {
                Release();
            }
        }

        await base.DisposeAsync();
    }

    /// <summary>Copies as much of <paramref name="bytes"/> as the current buffer holds; returns how much.</summary>
    private int Append(ReadOnlySpan<byte> bytes)
    {
        var take = Math.Min(bytes.Length, BufferBytes - _filled);
        bytes[..take].CopyTo(_buffers[_current].Span[_filled..]);
        _filled += take;
        _unflushed = true;
        return take;
    }

    /// <summary>Closes the file and frees the buffers, once no write reads from them any more (even one that failed or was given up on).</summary>
    private void Release()
    {
        _disposed = true;
        try
        {
            ((IAsyncResult)_writing).AsyncWaitHandle.WaitOne();
        }
        finally
        {
            _file.Dispose();
            foreach (var buffer in _buffers)
            {
                ((IDisposable)buffer).Dispose();
            }
        }
    }

    private void StartWritingFullBuffer()
    {
        var full = _buffers[_current];
        var offset = _bufferOffset;
        _writing = RandomAccess.WriteAsync(_file.SafeFileHandle, full.Memory, offset).AsTask();
        _bufferOffset += BufferBytes;
        _current ^= 1;
        _filled = 0;
    }

    private void WriteTail()
    {
        if (!_unflushed)
        {
            return;
        }

        // The buffer keeps the tail, so later writes go on filling it and rewrite the padded block in place.
        _unflushed = false;
        var padded = (_filled + Alignment - 1) / Alignment * Alignment;
        if (padded > 0)
        {
            _buffers[_current].Span[_filled..padded].Clear();
            RandomAccess.Write(_file.SafeFileHandle, _buffers[_current].Span[..padded], _bufferOffset);
        }

        RandomAccess.SetLength(_file.SafeFileHandle, _bufferOffset + _filled);
    }

    /// <summary>Linux's O_DIRECT, which differs between architectures (asm-generic/fcntl.h, arch/arm64/include/uapi/asm/fcntl.h).</summary>
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    private static bool TrySetFlag(SafeFileHandle handle, int flag) => Fcntl.SetStatusFlags(handle, flag, set: true);

    private static void TryClearFlag(SafeFileHandle handle, int flag) => Fcntl.SetStatusFlags(handle, flag, set: false);

    /// <summary>Native memory aligned for direct I/O, seen as a <see cref="Memory{T}"/>.</summary>
    private sealed unsafe class AlignedBuffer(int length, int alignment) : MemoryManager<byte>
    {
        private readonly byte* _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);

        public Span<byte> Span => GetSpan();

        public override Span<byte> GetSpan() => new(_pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

        public override void Unpin()
        {
        }

        private bool _freed;

        protected override void Dispose(bool disposing)
        {
            if (!_freed)
            {
                _freed = true;
                NativeMemory.AlignedFree(_pointer);
            }
        }
    }

    private static partial class Fcntl
    {
        private const int GetFlags = 3, SetFlags = 4;

        /// <summary>Sets or clears a file status flag with <c>fcntl(F_SETFL)</c>; false when the kernel refuses it.</summary>
        public static bool SetStatusFlags(SafeFileHandle handle, int flag, bool set)
        {
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var fd = (int)handle.DangerousGetHandle();
                var flags = Call(fd, GetFlags, 0);
                return flags >= 0 && Call(fd, SetFlags, set ? flags | flag : flags & ~flag) == 0;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        // fcntl is variadic; its third argument is an int here, passed in a register as a fixed one would be on Linux.
        [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        private static partial int Call(int fd, int command, int argument);
    }
}
