using System.Globalization;
using BotCapturer.Beaconing;

namespace BotCapturer.Engine.Analysis.Beaconing;

/// <summary>Writes <c>beacons.csv</c>: every C-flow found to beacon, strongest first.</summary>
public static class BeaconCsvWriter
{
    /// <summary>The file name inside a run's output folder.</summary>
    public const string FileName = "beacons.csv";

    /// <summary>The header line.</summary>
    public const string Header = "proto,src,dst,dport,flows,period_s,log10_p,strength,tested";

    /// <summary>One line per beacon; <c>tested</c> repeats the Bonferroni count.</summary>
    public static void Write(TextWriter writer, BeaconResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine(Header);
        foreach (var b in result.Beacons)
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{b.Key.ProtocolName},{b.Key.Source},{b.Key.Destination},{b.Key.DestinationPort},{b.Flows},{b.PeriodSeconds:0.###},{b.Log10P:0.###},{b.Strength:0.###},{result.Tested}"));
        }
    }
}
