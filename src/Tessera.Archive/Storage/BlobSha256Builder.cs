using System.Security.Cryptography;

namespace Tessera.Archive.Storage;

/// <summary>
/// Builds a <see cref="BlobSha256"/> from a blob's bytes appended in order: those before <see cref="Split"/> go to the
/// first hash, the rest to the second. What ingest records (<c>BlobHashing</c>) and what the check verifies
/// (<see cref="BlobChecksum"/>) are split by this one rule.
/// </summary>
public sealed class BlobSha256Builder(long split) : IDisposable
{
    private readonly IncrementalHash _before = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _from = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Where the second part starts; <see cref="long.MaxValue"/> makes the first the whole blob's hash.</summary>
    public long Split { get; } = split;

    /// <summary>Bytes appended so far.</summary>
    public long Position { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var head = (int)Math.Clamp(Split - Position, 0, bytes.Length);
        _before.AppendData(bytes[..head]);
        _from.AppendData(bytes[head..]);
        Position += bytes.Length;
    }

    public BlobSha256 ToSha256() => new(Convert.ToHexStringLower(_before.GetHashAndReset()), Convert.ToHexStringLower(_from.GetHashAndReset()));

    public void Dispose()
    {
        _before.Dispose();
        _from.Dispose();
    }
}
