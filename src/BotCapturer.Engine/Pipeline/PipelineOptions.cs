using BotCapturer.Flows;

namespace BotCapturer.Engine.Pipeline;

/// <summary>Settings of the flow pipeline.</summary>
public sealed record PipelineOptions
{
    /// <summary>Capture files read at once (one reader per core by default).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Flow-table shards per file; null chooses: cores divided by the files read at once (at least 1).</summary>
    public int? ShardsPerFile { get; init; }

    /// <summary>Files smaller than this are not sharded (when <see cref="ShardsPerFile"/> is left to choose).</summary>
    public long MinShardedFileBytes { get; init; } = 64L << 20;

    /// <summary>Flows per batch between blocks.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>Batches each block may hold before it pushes back on the blocks before it.</summary>
    public int BoundedCapacity { get; init; } = 8;

    /// <summary>Stop the whole run at the first bad file instead of going on with the others.</summary>
    public bool Strict { get; init; }

    /// <summary>A BPF expression (libpcap syntax) that packets must match; null for all packets.</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Join flow partials cut by file boundaries before the shared sinks see them (DESIGN.md "Flows"). Off when only
    /// per-file sinks matter (<c>load</c> stores partials per file and joins them when reading), so nothing is held.
    /// </summary>
    public bool MergeAcrossFiles { get; init; } = true;

    /// <summary>
    /// Run one full garbage collection when the last flow has reached the sinks and before they complete. At that point
    /// the flow tables, the batch buffers and the readers have just died (on the 10 M-packet mix the heap falls from
    /// about 110 to 55 MiB); without it the analyses that follow (A-plane passes, C-plane, graph scoring, the vote)
    /// allocate their 60–110 MiB in new memory, since nothing before them fills the gen2 budget, and that, not live data,
    /// set <c>run</c>'s peak. It costs 15–20 ms, so only verbs with work after the stream set it.
    /// </summary>
    public bool CollectAfterStream { get; init; }

    public FlowOptions Flows { get; init; } = FlowOptions.Default;
}
