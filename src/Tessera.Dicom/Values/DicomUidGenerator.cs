using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Dicom.Values;

/// <summary>
/// Makes UIDs under the root "2.25" (PS3.5 B.2): the UUID read as one unsigned 128-bit integer in
/// decimal, which needs no registered root and is at most 44 characters.
/// </summary>
public static class DicomUidGenerator
{
    /// <summary>The root for UUID-derived UIDs (PS3.5 B.2, ISO/IEC 9834-8).</summary>
    public const string UuidRoot = "2.25";

    /// <summary>
    /// The namespace for <see cref="FromName"/>: RFC 9562's OID namespace (6ba7b812-9dad-11d1-80b4-00c04fd430c8),
    /// the natural one for names that become OIDs.
    /// </summary>
    public static readonly Guid OidNamespace = new("6ba7b812-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>A new UID from a random (version 4) UUID.</summary>
    public static string Create() => FromUuid(Guid.NewGuid());

    /// <summary>The UID of a UUID: "2.25." followed by the UUID as a decimal integer.</summary>
    public static string FromUuid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        // RFC 9562 fixes the byte order of a UUID as big endian; Guid's default layout is not.
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return UuidRoot + "." + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The same UID for the same name every time: a name-based (version 5, SHA-1) UUID of
    /// <paramref name="name"/> in <paramref name="namespaceId"/> (default <see cref="OidNamespace"/>).
    /// Useful where an identifier must map to one UID, such as de-identification (PS3.15 E).
    /// </summary>
    public static string FromName(string name, Guid? namespaceId = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        (namespaceId ?? OidNamespace).TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what RFC 9562 5.5 defines for version 5; it is an identifier here, not a security measure.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return FromUuid(new Guid(hash.AsSpan(0, 16), bigEndian: true));
    }
}
