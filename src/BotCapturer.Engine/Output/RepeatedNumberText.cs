using System.Globalization;

namespace BotCapturer.Engine.Output;

/// <summary>
/// A column's numbers as text, in the invariant culture, keeping the text of the last value: in tables where long runs
/// of rows repeat a value (tens of thousands of hosts alike), each run is formatted once. Values are compared bit for
/// bit, as 0 and -0 are equal numbers with different texts.
/// </summary>
internal sealed class RepeatedNumberText(string format)
{
    private long _bits;
    private string _text = string.Empty;

    public string Of(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (bits != _bits || _text.Length == 0)
        {
            (_bits, _text) = (bits, value.ToString(format, CultureInfo.InvariantCulture));
        }

        return _text;
    }
}
