using Tessera.Blobs.FileSystem;

namespace Tessera.Archive.Tests;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-blobs-").FullName;

    [Fact]
    public async Task Commit_renames_into_place_and_range_reads_return_the_bytes()
    {
        var store = await StoreWithBytes0To255Async("1.2/3.4/5.6.abc.dcm");

        Assert.True(store.Exists("1.2/3.4/5.6.abc.dcm"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
        using var range = store.OpenRead("1.2/3.4/5.6.abc.dcm", 10, 5);
        var bytes = new byte[16];
        Assert.Equal(5, range.ReadAtLeast(bytes, 16, throwOnEndOfStream: false));
        Assert.Equal(new byte[] { 10, 11, 12, 13, 14 }, bytes[..5]);
        Assert.Equal(["1.2/3.4/5.6.abc.dcm"], await store.EnumerateAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_read_stream_is_a_seekable_window_read_on_the_calling_thread()
    {
        var store = await StoreWithBytes0To255Async("1.2/3.4/7.8.abc.dcm");

        await using var window = store.OpenRead("1.2/3.4/7.8.abc.dcm", 200, 100);
        Assert.True(window.CanSeek);
        Assert.Equal(56, window.Length);

        // An asynchronous read completes before it returns: it is a positioned read on this thread, not a thread-pool hand-over.
        var buffer = new byte[8];
        var read = window.ReadAsync(buffer);
        Assert.True(read.IsCompletedSuccessfully);
        Assert.Equal(8, await read);
        Assert.Equal(Enumerable.Range(200, 8).Select(i => (byte)i), buffer);

        window.Seek(-2, SeekOrigin.End);
        Assert.Equal(54, window.Position);
        Assert.Equal(2, await window.ReadAsync(buffer));
        Assert.Equal(new byte[] { 254, 255 }, buffer[..2]);
        Assert.Equal(0, await window.ReadAsync(buffer));

        window.Position = 0;
        Assert.Equal(200, window.ReadByte());
        Assert.Throws<IOException>(() => window.Seek(-1, SeekOrigin.Begin));
    }

    [Fact]
    public async Task A_temporary_blob_is_written_on_the_calling_thread()
    {
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);

        // Ingest spools in 64 KiB pieces: each completes before it returns, a page-cache write and no thread-pool hand-over.
        var write = blob.Stream.WriteAsync(new byte[64 * 1024]);
        Assert.True(write.IsCompletedSuccessfully);
        await write;

        // Its flush too, held in memory (regression: Stream's own FlushAsync ran on the thread pool, and the ingest after
        // it, with a futex wake-up per instance).
        var flush = blob.Stream.FlushAsync();
        Assert.True(flush.IsCompletedSuccessfully);
        await flush;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(65_536)]
    [InlineData(262_145)]
    [InlineData(3 * 262_144 + 4096 + 17)]
    public async Task A_durable_blob_of_any_length_written_to_a_temporary_file_keeps_every_byte(int length)
    {
        // No journal: every blob goes to a temporary file, however small.
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root) { CommitJournalBlobLimit = 0 });
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + (i >> 12))).ToArray();
        await using (var blob = await store.CreateTemporaryAsync(CancellationToken.None))
        {
            for (var offset = 0; offset < bytes.Length; offset += 10_007)
            {
                await blob.Stream.WriteAsync(bytes.AsMemory(offset, Math.Min(10_007, bytes.Length - offset)));
            }

            await blob.FlushAsync(CancellationToken.None);
            await blob.CommitAsync("1.2/3.4/9.8.abc.dcm", CancellationToken.None);
        }

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/9.8.abc.dcm")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public async Task A_durable_blob_written_across_write_back_strides_keeps_every_byte()
    {
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        var bytes = Enumerable.Range(0, 3 * WritebackFileStream.Stride + 12_345).Select(i => (byte)(i * 31 + (i >> 9))).ToArray();
        await using (var blob = await store.CreateTemporaryAsync(CancellationToken.None))
        {
            // Pieces that straddle the strides, as ingest's 64 KiB chunks after an odd-length meta do. Held in memory up
            // to the journal's limit, the blob then moves to a temporary file that starts write-back as it grows.
            for (var offset = 0; offset < bytes.Length; offset += 65_537)
            {
                await blob.Stream.WriteAsync(bytes.AsMemory(offset, Math.Min(65_537, bytes.Length - offset)));
            }

            Assert.IsType<WritebackFileStream>(Assert.IsType<SpillStream>(blob.Stream).Spilled?.Stream);

            await blob.FlushAsync(CancellationToken.None);
            await blob.CommitAsync("1.2/3.4/9.9.abc.dcm", CancellationToken.None);
        }

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/9.9.abc.dcm")));
    }

    [Fact]
    public async Task An_uncommitted_blob_is_deleted_on_dispose()
    {
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        await using (var blob = await store.CreateTemporaryAsync(CancellationToken.None))
        {
            await blob.Stream.WriteAsync(new byte[100]);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public async Task Blobs_committed_since_a_time_are_found_by_their_folders_time()
    {
        // A crash recovery looks only at folders changed since the crashed run started (a rename changes its folder's time).
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        foreach (var path in new[] { "1.2/3.4/old.dcm", "1.2/3.5/old.dcm", "1.2/3.6/new.dcm" })
        {
            await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
            await blob.Stream.WriteAsync(new byte[10]);
            await blob.CommitAsync(path, CancellationToken.None);
        }

        var hourAgo = DateTime.UtcNow.AddHours(-1);
        foreach (var folder in new[] { "1.2/3.4", "1.2/3.5", "1.2/3.6", "1.2", string.Empty })
        {
            Directory.SetLastWriteTimeUtc(Path.Combine(_root, folder), hourAgo.AddMinutes(-5));
        }

        await using (var blob = await store.CreateTemporaryAsync(CancellationToken.None))
        {
            await blob.Stream.WriteAsync(new byte[10]);
            await blob.CommitAsync("1.2/3.6/newer.dcm", CancellationToken.None);
        }

        var since = await store.EnumerateCommittedSinceAsync(hourAgo, CancellationToken.None).ToListAsync();

        Assert.Equal(["1.2/3.6/new.dcm", "1.2/3.6/newer.dcm"], since.Order(StringComparer.Ordinal));
        Assert.Equal(4, await store.EnumerateAsync(CancellationToken.None).CountAsync());
    }

    [Theory]
    [InlineData("../outside.dcm")]
    [InlineData("a/../../outside.dcm")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("a//b")]
    public void Paths_leaving_the_store_are_refused(string path)
    {
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));

        Assert.Throws<ArgumentException>(() => store.Exists(path));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A store holding one committed blob at <paramref name="path"/>: the bytes 0 to 255.</summary>
    private async Task<FileSystemBlobStore> StoreWithBytes0To255Async(string path)
    {
        var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
        await blob.Stream.WriteAsync(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        await blob.CommitAsync(path, CancellationToken.None);
        return store;
    }
}
