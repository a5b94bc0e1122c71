using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BotCapturer.Storage.MySql.Xa;

/// <summary>
/// The xid of one branch of a multi-connection file load (X/Open XA: formatID, gtrid, bqual). gtrid is the load
/// attempt's token (32 hex digits, also stored in <c>files.xa_token</c>) and a tag of the database name, so that
/// recovery on a server shared by several botengine databases touches only its own; bqual is the branch number.
/// </summary>
internal readonly record struct XaBranchId(string Token, string DatabaseTag, int Branch)
{
    /// <summary>BotCapturer's XA format id ("BCPT"); <c>XA RECOVER</c> rows with another format id are not ours.</summary>
    public const int FormatId = 0x42435054;

    /// <summary>The global transaction id: token, a dot, the database tag.</summary>
    public string Gtrid => Token + "." + DatabaseTag;

    /// <summary>The branch qualifier: the branch number in decimal.</summary>
    public string Bqual => Branch.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh token for one load attempt of one file.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N");

    /// <summary>16 hex digits of SHA-256 of the database name.</summary>
    public static string TagOf(string database) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..16];

    /// <summary>Reads one <c>XA RECOVER</c> row (data = gtrid bytes followed by bqual bytes); false for a foreign xid.</summary>
    public static bool TryParse(long formatId, int gtridLength, int bqualLength, ReadOnlySpan<byte> data, out XaBranchId id)
    {
        id = default;
        if (formatId != FormatId || gtridLength != 32 + 1 + 16 || bqualLength is < 1 or > 3 || data.Length < gtridLength + bqualLength)
        {
            return false;
        }

        var gtrid = Encoding.ASCII.GetString(data[..gtridLength]);
        var bqual = Encoding.ASCII.GetString(data.Slice(gtridLength, bqualLength));
        if (gtrid[32] != '.' || !IsHex(gtrid.AsSpan(0, 32)) || !IsHex(gtrid.AsSpan(33))
            || !int.TryParse(bqual, NumberStyles.None, CultureInfo.InvariantCulture, out var branch))
        {
            return false;
        }

        id = new XaBranchId(gtrid[..32], gtrid[33..], branch);
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
