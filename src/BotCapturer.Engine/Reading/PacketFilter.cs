using BotCapturer.Capture;
using PacketDotNet;
using SharpPcap.LibPcap;

namespace BotCapturer.Engine.Reading;

/// <summary>
/// A BPF filter (libpcap expression syntax) compiled by libpcap through SharpPcap, once per link type, and run on
/// the frames our own reader hands out. Not thread-safe: one per file worker.
/// </summary>
internal sealed class PacketFilter : IDisposable
{
    private readonly string _expression;
    private readonly Dictionary<LinkType, BpfProgram?> _programs = [];

    private PacketFilter(string expression) => _expression = expression;

    /// <summary>Compiles the expression for Ethernet once, so a syntax error or a missing libpcap shows before any file is read.</summary>
    public static PacketFilter Create(string expression)
    {
        var filter = new PacketFilter(expression);
        _ = filter.ProgramFor(LinkType.Ethernet) ?? throw new FilterException($"invalid filter expression '{expression}'");
        return filter;
    }

    public bool Matches(LinkType linkType, ReadOnlySpan<byte> frame)
    {
        var program = ProgramFor(linkType);
        return program is not null && program.Matches(frame);
    }

    private BpfProgram? ProgramFor(LinkType linkType)
    {
        if (!_programs.TryGetValue(linkType, out var program))
        {
            try
            {
                program = BpfProgram.TryCreate((LinkLayers)(ushort)linkType, _expression, 1, 0xFFFFFFFF);
            }
            catch (DllNotFoundException e)
            {
                throw new NativeLibraryMissingException("libpcap is not installed (apt-get install libpcap0.8): " + e.Message);
            }
            catch (TypeInitializationException e) when (e.InnerException is DllNotFoundException)
            {
                throw new NativeLibraryMissingException("libpcap is not installed (apt-get install libpcap0.8)");
            }

            _programs[linkType] = program;
        }

        return program;
    }

    public void Dispose()
    {
        foreach (var program in _programs.Values)
        {
            program?.Dispose();
        }
    }
}

/// <summary>A BPF expression that libpcap will not compile.</summary>
public sealed class FilterException(string message) : Exception(message);

/// <summary>A native library the engine needs (libpcap) is missing: an environment problem, exit code 2.</summary>
public sealed class NativeLibraryMissingException(string message) : Exception(message);
