using System.Buffers.Binary;
using System.Text;

namespace BotCapturer.Generation;

/// <summary>
/// TLS 1.3 (RFC 8446) as seen on the wire: a well-formed ClientHello with SNI, ServerHello, the compatibility
/// ChangeCipherSpec (RFC 8446 §D.4), then encrypted application_data records whose contents are opaque filler.
/// </summary>
internal static class TlsMessages
{
    // TLS 1.3 suites first, then common TLS 1.2 ECDHE suites, as browsers offer them
    private static readonly ushort[] CipherSuites = [0x1301, 0x1303, 0x1302, 0xC02B, 0xC02F, 0xCCA9, 0xCCA8, 0xC02C, 0xC030, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035];

    private static readonly ushort[] SignatureAlgorithms = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

    /// <summary>The largest TLSPlaintext fragment (RFC 8446 §5.1).</summary>
    public const int MaxRecord = 16384;

    public static byte[] ClientHello(DeterministicRandom random, string serverName, out byte[] sessionId)
    {
        sessionId = new byte[32];
        random.NextBytes(sessionId);
        var extensions = new List<byte>();
        var name = Encoding.ASCII.GetBytes(serverName);
        // server_name (RFC 6066 §3)
        Extension(extensions, 0x0000, [.. U16(name.Length + 3), 0, .. U16(name.Length), .. name]);
        Extension(extensions, 0x0017, []); // extended_master_secret
        Extension(extensions, 0xFF01, [0]); // renegotiation_info
        Extension(extensions, 0x000A, [0, 6, 0x00, 0x1D, 0x00, 0x17, 0x00, 0x18]); // supported_groups: x25519, secp256r1, secp384r1
        Extension(extensions, 0x000B, [1, 0]); // ec_point_formats: uncompressed
        Extension(extensions, 0x0023, []); // session_ticket
        Extension(extensions, 0x0010, [0, 9, 8, .. "http/1.1"u8]); // ALPN
        var signatures = SignatureAlgorithms.SelectMany(s => U16(s)).ToArray();
        Extension(extensions, 0x000D, [.. U16(signatures.Length), .. signatures]);
        var key = new byte[32];
        random.NextBytes(key);
        Extension(extensions, 0x0033, [0, 36, 0x00, 0x1D, 0, 32, .. key]); // key_share: x25519
        Extension(extensions, 0x002B, [4, 0x03, 0x04, 0x03, 0x03]); // supported_versions: 1.3, 1.2
        Extension(extensions, 0x002D, [1, 1]); // psk_key_exchange_modes: psk_dhe_ke
        var clientRandom = new byte[32];
        random.NextBytes(clientRandom);
        var suites = CipherSuites.SelectMany(s => U16(s)).ToArray();
        byte[] body = [0x03, 0x03, .. clientRandom, 32, .. sessionId, .. U16(suites.Length), .. suites, 1, 0, .. U16(extensions.Count), .. extensions];
        return Record(0x16, 0x0301, Handshake(1, body));
    }

    /// <summary>ServerHello + ChangeCipherSpec: the server's unencrypted first bytes.</summary>
    public static byte[] ServerHello(DeterministicRandom random, byte[] sessionId)
    {
        var serverRandom = new byte[32];
        random.NextBytes(serverRandom);
        var key = new byte[32];
        random.NextBytes(key);
        var extensions = new List<byte>();
        Extension(extensions, 0x002B, [0x03, 0x04]);
        Extension(extensions, 0x0033, [0x00, 0x1D, 0, 32, .. key]);
        byte[] body = [0x03, 0x03, .. serverRandom, 32, .. sessionId, 0x13, 0x01, 0, .. U16(extensions.Count), .. extensions];
        return [.. Record(0x16, 0x0303, Handshake(2, body)), .. ChangeCipherSpec];
    }

    /// <summary>The middlebox-compatibility ChangeCipherSpec record.</summary>
    public static byte[] ChangeCipherSpec => [0x14, 0x03, 0x03, 0x00, 0x01, 0x01];

    /// <summary>Appends <paramref name="plaintextLength"/> bytes as application_data records (each with its 5-byte header and 17 bytes of type and AEAD tag).</summary>
    public static ByteStream AppendEncrypted(ByteStream stream, long plaintextLength, DeterministicRandom random)
    {
        while (plaintextLength > 0)
        {
            var fragment = (int)Math.Min(MaxRecord, plaintextLength);
            var length = fragment + 17;
            stream.Add(new byte[] { 0x17, 0x03, 0x03, (byte)(length >> 8), (byte)length });
            stream.AddFiller(Filler.Binary, length, random);
            plaintextLength -= fragment;
        }

        return stream;
    }

    private static byte[] Handshake(byte type, byte[] body) => [type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    private static byte[] Record(byte type, ushort version, byte[] fragment) => [type, .. U16(version), .. U16(fragment.Length), .. fragment];

    private static void Extension(List<byte> extensions, ushort type, byte[] data)
    {
        extensions.AddRange(U16(type));
        extensions.AddRange(U16(data.Length));
        extensions.AddRange(data);
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }
}
