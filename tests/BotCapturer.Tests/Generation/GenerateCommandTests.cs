using BotCapturer.Cli;
using BotCapturer.Cli.Options;

namespace BotCapturer.Tests.Generation;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Options_map_to_the_scenario()
    {
        var parsed = CliParser.Parse(["generate", "--out", "x.pcap", "--seed", "9", "--duration", "90m", "--benign", "12", "--bots-a", "3", "--bots-b", "2", "--period-b", "10m", "--scale", "2"]);
        Assert.True(parsed.ShouldRun, parsed.Message);
        var options = ((GenerateVerb)parsed.Options!).ToOptions();
        Assert.Equal(9UL, options.Seed);
        Assert.Equal(TimeSpan.FromMinutes(90), options.Duration);
        Assert.Equal((12, 3, 2, 2), (options.BenignHosts, options.BotsA, options.BotsB, options.Scale));
        Assert.Equal(TimeSpan.FromMinutes(10), options.PeriodB);
        Assert.Equal(TimeSpan.FromSeconds(20), options.JitterB); // the default's 10 s per 300 s, kept in proportion
    }

    [Theory]
    [InlineData("--duration", "soon")]
    [InlineData("--duration", "-5m")]
    [InlineData("--scale", "0")]
    [InlineData("--start", "yesterday")]
    [InlineData("--snaplen", "10")]
    public void Bad_values_are_one_line_errors(string option, string value)
    {
        var parsed = CliParser.Parse(["generate", "--out", "x.pcap", option, value]);
        Assert.False(parsed.ShouldRun);
        Assert.Equal(ExitCodes.BadInput, parsed.ExitCode);
        Assert.DoesNotContain('\n', parsed.Message!);
    }

    [Theory]
    [InlineData("7200", 7200)]
    [InlineData("2h", 7200)]
    [InlineData("90m", 5400)]
    [InlineData("1.5s", 1.5)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(GenerateVerb.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Fact]
    public async Task Writes_the_capture_to_standard_output_and_a_summary_line()
    {
        using var stdout = new MemoryStream();
        using var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, false, () => new NonClosingStream(stdout));
        var code = await Program.RunAsync(["generate", "--out", "-", "--duration", "5m", "--benign", "3", "--bots-a", "1", "--bots-b", "1"], context, CancellationToken.None);
        Assert.Equal(ExitCodes.Ok, code);
        var packets = PcapFile.Read(stdout.ToArray()).Packets;
        Assert.NotEmpty(packets);
        Assert.Matches($@"^botengine: -: {packets.Count} packets, {stdout.Length} bytes \(\d+ on the wire\), \d+ hosts \(6 internal, 2 bots\), seed 1\r?\n$", error.ToString());
    }

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
