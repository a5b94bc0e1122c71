using System.Globalization;
using BotCapturer.Generation;
using CommandLine;

namespace BotCapturer.Cli.Options;

[Verb("generate", HelpText = "Write a synthetic capture (benign hosts and two botnets, deterministic for a seed) and its ground-truth labels.")]
internal sealed class GenerateVerb : ICommandVerb
{
    [Option('o', "out", Required = true, HelpText = "The pcap file to write ('-' for standard output).")]
    public string Out { get; set; } = string.Empty;

    [Option("labels", HelpText = "Also write the ground truth here as CSV (host,role,family).")]
    public string? Labels { get; set; }

    [Option("seed", Default = 1UL, HelpText = "Seed of every random choice; the same options give a byte-identical file.")]
    public ulong Seed { get; set; } = 1;

    [Option("duration", Default = "2h", HelpText = "Simulated capture length: seconds, or a number with s, m or h (90m, 2h).")]
    public string Duration { get; set; } = "2h";

    [Option("start", Default = "2026-03-02T09:00:00Z", HelpText = "Simulated start time (ISO 8601, UTC).")]
    public string Start { get; set; } = "2026-03-02T09:00:00Z";

    [Option("benign", Default = 40, HelpText = "Benign hosts.")]
    public int Benign { get; set; } = 40;

    [Option("bots-a", Default = 6, HelpText = "Bots of botnet A (HTTP check-ins every --period-a, telnet scanning).")]
    public int BotsA { get; set; } = 6;

    [Option("bots-b", Default = 5, HelpText = "Bots of botnet B (TCP/4444 check-ins every --period-b, binary download, spam).")]
    public int BotsB { get; set; } = 5;

    [Option("period-a", Default = "60s", HelpText = "Botnet A's check-in period.")]
    public string PeriodA { get; set; } = "60s";

    [Option("period-b", Default = "300s", HelpText = "Botnet B's check-in period.")]
    public string PeriodB { get; set; } = "300s";

    [Option("scale", Default = 1, HelpText = "Multiplies every host count (benchmark-sized captures).")]
    public int Scale { get; set; } = 1;

    [Option("snaplen", Default = 192, HelpText = "Bytes kept per packet (the wire length is always recorded).")]
    public int SnapLength { get; set; } = 192;

    [Option("nanoseconds", HelpText = "Nanosecond timestamps (pcap magic 0xa1b23c4d).")]
    public bool Nanoseconds { get; set; }

    [Option('q', "quiet", HelpText = "No summary on stderr.")]
    public bool Quiet { get; set; }

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Out))
        {
            return "--out needs a file name";
        }

        if (!TryParseDuration(Duration, out _) || !TryParseDuration(PeriodA, out _) || !TryParseDuration(PeriodB, out _))
        {
            return "durations are seconds or a number with s, m or h (for example 90m)";
        }

        if (!DateTimeOffset.TryParse(Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return $"--start '{Start}' is not a date and time";
        }

        return ToOptions().Validate();
    }

    public ScenarioOptions ToOptions()
    {
        // Validate reports unparsable values; here they fall back to the defaults so that validation can finish
        var defaults = new ScenarioOptions();
        var duration = TryParseDuration(Duration, out var d) ? d : defaults.Duration;
        var periodA = TryParseDuration(PeriodA, out var a) ? a : defaults.PeriodA;
        var periodB = TryParseDuration(PeriodB, out var b) ? b : defaults.PeriodB;
        var start = DateTimeOffset.TryParse(Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : defaults.Start;
        return defaults with
        {
            Seed = Seed,
            Start = start,
            Duration = duration,
            BenignHosts = Benign,
            BotsA = BotsA,
            BotsB = BotsB,
            PeriodA = periodA,
            PeriodB = periodB,
            // jitter stays the same fraction of the period as in the defaults
            JitterA = periodA * (defaults.JitterA / defaults.PeriodA),
            JitterB = periodB * (defaults.JitterB / defaults.PeriodB),
            Scale = Scale,
            SnapLength = SnapLength,
            Nanoseconds = Nanoseconds,
        };
    }

    /// <summary>Seconds, or a number followed by s, m or h.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var factor = unit switch
        {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            _ => 0,
        };
        var number = factor == 0 ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * (factor == 0 ? 1 : factor));
        return true;
    }

    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken) =>
        Commands.GenerateCommand.RunAsync(this, context, cancellationToken);
}
