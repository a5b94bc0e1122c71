namespace BotCapturer.Engine.Pipeline;

/// <summary>A batch of flows on its way to every sink, counting the sinks that have not consumed it yet.</summary>
internal sealed class SharedBatch(IReadOnlyList<Flows.Flow> flows, int sinks)
{
    private int _pending = sinks;

    public IReadOnlyList<Flows.Flow> Flows { get; } = flows;

    /// <summary>One sink is done with the batch; true for the last one.</summary>
    public bool Release() => Interlocked.Decrement(ref _pending) == 0;
}
