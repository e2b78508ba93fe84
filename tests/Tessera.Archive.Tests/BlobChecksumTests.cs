using System.Security.Cryptography;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Blobs.FileSystem;

namespace Tessera.Archive.Tests;

/// <summary>A stored blob checked against its Location (<see cref="BlobChecksum"/>: tessera check, storage commitment).</summary>
public sealed class BlobChecksumTests
{
    private const string Path = "1.2/3.4/5.6.abc.dcm";

    [Fact]
    public async Task A_blob_matches_its_location_until_its_bytes_or_its_size_change()
    {
        using var folder = new TemporaryFolder();
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(folder.Path));

        // Over 1 MiB, so the hash runs over more than one read.
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        await using (var blob = await store.CreateTemporaryAsync(CancellationToken.None))
        {
            await blob.Stream.WriteAsync(bytes);
            await blob.CommitAsync(Path, CancellationToken.None);
        }

        var location = new BlobLocation(store.StorageId, Path, "1.2.840.10008.1.2.1", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), "", ReadOnlyMemory<byte>.Empty);
        Assert.True(await BlobChecksum.MatchesAsync(store, location, CancellationToken.None));

        var file = System.IO.Path.Combine(folder.Path, Path);
        bytes[2 * 1024 * 1024] ^= 1;
        await File.WriteAllBytesAsync(file, bytes);
        Assert.False(await BlobChecksum.MatchesAsync(store, location, CancellationToken.None));

        await File.WriteAllBytesAsync(file, bytes[..^1]);
        Assert.False(await BlobChecksum.MatchesAsync(store, location, CancellationToken.None));

        File.Delete(file);
        await Assert.ThrowsAsync<FileNotFoundException>(() => BlobChecksum.MatchesAsync(store, location, CancellationToken.None));
    }

    [Theory]
    [InlineData(20)] // in the meta's elements
    [InlineData(141)] // the meta's group length, which places the split
    [InlineData(400)] // the data set's first bytes
    [InlineData(2 * 1024 * 1024)] // in a later read
    public async Task A_blob_hashed_in_two_parts_matches_until_a_byte_of_either_changes(int changed)
    {
        using var folder = new TemporaryFolder();
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(folder.Path));

        // What ingest writes: preamble, "DICM", (0002,0000) UL giving the rest of the meta's length, the meta, the data set.
        const int MetaElements = 186;
        var meta = new byte[144 + MetaElements];
        "DICM"u8.CopyTo(meta.AsSpan(128));
        new byte[] { 0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L', 4, 0, MetaElements, 0, 0, 0 }.CopyTo(meta.AsSpan(132));
        RandomNumberGenerator.Fill(meta.AsSpan(144));
        var dataSet = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);
        byte[] bytes = [.. meta, .. dataSet];
        var file = System.IO.Path.Combine(folder.Path, Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, bytes);

        var location = new BlobLocation(store.StorageId, Path, "1.2.840.10008.1.2.1", bytes.Length, null, Hex(dataSet), ReadOnlyMemory<byte>.Empty, MetaSha256: Hex(meta));
        Assert.True(await BlobChecksum.MatchesAsync(store, location, CancellationToken.None));
        Assert.False(await BlobChecksum.MatchesAsync(store, location with { MetaSha256 = null }, CancellationToken.None));

        bytes[changed] ^= 1;
        await File.WriteAllBytesAsync(file, bytes);
        Assert.False(await BlobChecksum.MatchesAsync(store, location, CancellationToken.None));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
