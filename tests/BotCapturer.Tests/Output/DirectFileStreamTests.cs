using BotCapturer.Engine.Output;

namespace BotCapturer.Tests.Output;

/// <summary>
/// <see cref="OutputFile.CreateLarge"/> writes a new regular file with direct I/O (<see cref="DirectFileStream"/>)
/// where the file system has it, and whatever the stream, the file holds exactly the bytes written: whole buffers,
/// a last block that is not whole, flushes in between.
/// </summary>
public sealed class DirectFileStreamTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("botcapturer-direct-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData((4 << 20) - 1)]
    [InlineData(4 << 20)]
    [InlineData((4 << 20) + 1)]
    [InlineData((9 << 20) + 12345)]
    public async Task The_file_holds_exactly_what_was_written(int length)
    {
        var path = Path.Combine(_folder, $"out-{length}.csv");
        var expected = Bytes(length, seed: length);
        var random = new Random(length);
        await using (var stream = OutputFile.CreateLarge(path, bufferSize: 0))
        {
            SkipUnlessDirect(stream);
            // Pieces of every size, as the CSV writer's buffer flushes are (never aligned), with a flush now and then.
            for (var at = 0; at < length;)
            {
                var piece = Math.Min(length - at, random.Next(1, 1 << 21));
                if (random.Next(2) == 0)
                {
                    stream.Write(expected, at, piece);
                }
                else
                {
                    await stream.WriteAsync(expected.AsMemory(at, piece));
                }

                at += piece;
                if (random.Next(4) == 0)
                {
                    await stream.FlushAsync();
                    Assert.Equal(at, new FileInfo(path).Length);
                }
            }
        }

        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    [SkippableFact]
    public void Writes_after_a_flush_continue_the_partial_block_in_place()
    {
        var path = Path.Combine(_folder, "flushes.csv");
        using (var stream = OutputFile.CreateLarge(path, bufferSize: 0))
        {
            SkipUnlessDirect(stream);
            foreach (var part in new[] { "start,end\n", "1,2\n", "3,4\n" })
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(part));
                stream.Flush();
                stream.Flush();
            }
        }

        Assert.Equal("start,end\n1,2\n3,4\n", File.ReadAllText(path));
    }

    [Fact]
    public void An_existing_file_is_replaced_and_devices_are_written_as_before()
    {
        var path = Path.Combine(_folder, "old.csv");
        File.WriteAllText(path, new string('x', 100_000));
        using (var stream = OutputFile.CreateLarge(path))
        {
            stream.Write("new\n"u8);
        }

        Assert.Equal("new\n", File.ReadAllText(path));
        if (File.Exists("/dev/null"))
        {
            using var devnull = OutputFile.CreateLarge("/dev/null");
            Assert.IsNotType<DirectFileStream>(devnull);
            devnull.Write("nothing\n"u8);
        }
    }

    private static void SkipUnlessDirect(Stream stream) =>
        Skip.IfNot(stream is DirectFileStream, "the temporary folder's file system has no direct I/O (O_DIRECT); nothing to test here");

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
