using System.Security.Cryptography;
using System.Text;

namespace Tessera.Archive.Storage;

/// <summary>
/// SHA-256 of a blob in two parts (lower-case hex), read once: the bytes before an offset and the bytes from it on. For an
/// instance the offset is where its data set starts, so the first is its File Meta Information's (with preamble and
/// "DICM") and the second its content's (<see cref="BlobLocation.ContentSha256"/>); together they cover every byte.
/// </summary>
public readonly record struct BlobSha256(string BeforeOffset, string FromOffset)
{
    /// <summary>
    /// Hex digits of SHA-256 over both hashes: the same for the same bytes in both parts, and different (but for a
    /// 2^-64 chance) when either differs. Ingest names a blob after it (<see cref="Ingest.StoragePaths"/>).
    /// </summary>
    public string Identity => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(BeforeOffset + FromOffset)));
}
