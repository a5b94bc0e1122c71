using System.Diagnostics;
using System.Globalization;
using BotCapturer.Engine.Pipeline;

namespace BotCapturer.Cli;

/// <summary>Redraws one progress line on stderr twice a second while a run goes on, only when stderr is a terminal.</summary>
internal sealed class ProgressReporter : IAsyncDisposable
{
    private readonly ProgressCounters _counters;
    private readonly TextWriter _writer;
    private readonly string _label;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ProgressReporter(ProgressCounters counters, CliContext context, string label, bool enabled)
    {
        _counters = counters;
        _writer = context.Error;
        _label = label;
        if (enabled && context.ErrorIsTerminal)
        {
            _loop = LoopAsync();
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _writer.Write("\r" + Line() + "\u001b[K");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal string Line()
    {
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var percent = _counters.BytesTotal > 0 ? 100.0 * _counters.Bytes / _counters.BytesTotal : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{_label}] {_counters.FilesDone}/{_counters.FilesTotal} files, {Human(_counters.Bytes)}B ({percent:F0}%), {Human(_counters.Packets)} packets, {Human(_counters.Packets / seconds)} packets/s, {Human(_counters.Flows)} flows");
    }

    internal static string Human(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("F1", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("F1", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (value / 1e3).ToString("F1", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("F0", CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
            _writer.Write("\r\u001b[K");
        }

        _stop.Dispose();
    }
}
