using Tessera.Archive.Tests.Support;
using Tessera.Blobs.FileSystem;

namespace Tessera.Archive.Tests;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-blobs-").FullName;
    private readonly List<FileSystemBlobStore> _stores = [];

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
        var store = Open(new FileSystemBlobStoreOptions(_root));
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
        var store = Open(new FileSystemBlobStoreOptions(_root) { CommitJournalBlobLimit = 0 });
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
        var store = Open(new FileSystemBlobStoreOptions(_root));
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
        var store = Open(new FileSystemBlobStoreOptions(_root));
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
        var store = Open(new FileSystemBlobStoreOptions(_root));
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
    [InlineData(10_000)]
    [InlineData(300_000)]
    public async Task A_blob_is_written_into_a_spare_file_made_ahead(int length)
    {
        // Both ways in: held in memory and written after its journal record (small), or spooled to a file (large).
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        var spares = Spares();
        Assert.Equal(32, spares.Length); // made when the store opens
        await CommitAsync(store, "1.2/3.4/first.dcm", 100);
        spares = Spares();

        var bytes = await CommitAsync(store, "1.2/3.4/second.dcm", length);

        // One spare is gone, taken by the blob; no other file was made (a refill starts at half).
        var left = Spares();
        Assert.Equal(spares.Length - 1, left.Length);
        Assert.Subset(spares.ToHashSet(), left.ToHashSet());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/second.dcm")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));

        // The spares are the store's own, no blobs.
        Assert.Equal(["1.2/3.4/first.dcm", "1.2/3.4/second.dcm"], (await store.EnumerateAsync(CancellationToken.None).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await store.EnumerateCommittedSinceAsync(DateTimeOffset.MinValue, CancellationToken.None).ToListAsync(), path => path.StartsWith("spare/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spares_taken_down_to_half_are_made_again()
    {
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        var first = Spares();

        for (var i = 0; i <= first.Length / 2; i++)
        {
            await CommitAsync(store, $"1.2/3.4/{i}.dcm", 100);
        }

        // Without a refill 15 would be left. The one running may finish before the last blob takes one.
        var again = await SparesMadeAsync(first.Length - 1);
        Assert.True(again.Except(first).Count() >= first.Length / 2, "new spares are made");
        Assert.Equal(first.Length / 2 + 1, await store.EnumerateAsync(CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task A_spare_cut_short_by_a_stop_is_swept_and_the_empty_ones_are_kept_for_the_next_run()
    {
        string[] spares;
        using (new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root)))
        {
            spares = Spares();
        }

        // A blob being written into a spare when the process stopped.
        await File.WriteAllBytesAsync(spares[0], new byte[1000]);

        using (var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root)))
        {
            // Opened, the store adopted the 31 empty ones and made one; the sweep leaves all 32.
            Assert.Equal(1, await store.SweepTemporariesAsync(CancellationToken.None));
            var now = Spares();
            Assert.Equal(spares.Length, now.Length);
            Assert.Subset(now.ToHashSet(), spares[1..].ToHashSet());
            Assert.Equal(0, now.Sum(path => new FileInfo(path).Length));
        }
    }

    [Theory]
    [InlineData(10_000, 0)]
    [InlineData(10_000, 300)]
    [InlineData(300_000, 300)]
    [InlineData(3 * 262_144 + 17, 262_144 + 5)]
    public async Task A_blob_hashes_what_it_holds_before_and_from_an_offset_while_it_is_flushed(int length, int offset)
    {
        // In memory (journal) or in a file read back while its fsync runs, as ingest asks.
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root));
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 13 + (i >> 10))).ToArray();
        await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
        for (var position = 0; position < length; position += 65_536)
        {
            await blob.Stream.WriteAsync(bytes.AsMemory(position, Math.Min(65_536, length - position)));
        }

        var flushing = blob.FlushAsync(CancellationToken.None);
        var sha256 = await blob.HashAsync(offset, CancellationToken.None);
        await flushing;

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, offset))), sha256.BeforeOffset);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(offset))), sha256.FromOffset);
    }

    [Fact]
    public async Task A_synced_blob_leaves_the_page_cache_and_a_read_ahead_brings_it_back()
    {
        // On the disk of the build, not /tmp: tmpfs keeps its pages whatever the advice.
        using var folder = new DiskFolder();
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(folder.Path));
        var bytes = await CommitAsync(store, "1.2/3.4/large.dcm", 1_000_000);
        var path = Path.Combine(folder.Path, "1.2/3.4/large.dcm");

        Assert.Equal(0, PageCache.ResidentPages(path));

        store.WillRead("1.2/3.4/large.dcm", bytes.Length);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (PageCache.ResidentPages(path) < PageCache.Pages(path) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(PageCache.Pages(path), PageCache.ResidentPages(path));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_page_cache_window_keeps_the_blobs_synced_last()
    {
        using var folder = new DiskFolder();
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(folder.Path) { PageCacheWindow = 2_500_000 });
        foreach (var name in new[] { "first", "second", "third" })
        {
            await CommitAsync(store, $"1.2/3.4/{name}.dcm", 1_000_000);
        }

        // 3 MB synced: the first fell out of the 2.5 MB window.
        Assert.Equal(0, PageCache.ResidentPages(Path.Combine(folder.Path, "1.2/3.4/first.dcm")));
        foreach (var kept in new[] { "second", "third" })
        {
            var path = Path.Combine(folder.Path, $"1.2/3.4/{kept}.dcm");
            Assert.Equal(PageCache.Pages(path), PageCache.ResidentPages(path));
        }
    }

    [Fact]
    public async Task Without_a_page_cache_window_the_kernel_keeps_what_it_keeps()
    {
        using var folder = new DiskFolder();
        using var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(folder.Path) { PageCacheWindow = -1 });
        await CommitAsync(store, "1.2/3.4/large.dcm", 1_000_000);

        var path = Path.Combine(folder.Path, "1.2/3.4/large.dcm");
        Assert.Equal(PageCache.Pages(path), PageCache.ResidentPages(path));
    }

    [Theory]
    [InlineData("../outside.dcm")]
    [InlineData("a/../../outside.dcm")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("a//b")]
    public void Paths_leaving_the_store_are_refused(string path)
    {
        var store = Open(new FileSystemBlobStoreOptions(_root));

        Assert.Throws<ArgumentException>(() => store.Exists(path));
    }

    public void Dispose()
    {
        // Stores first: one makes spare files in the background until it is disposed.
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    private FileSystemBlobStore Open(FileSystemBlobStoreOptions options)
    {
        var store = new FileSystemBlobStore(options);
        _stores.Add(store);
        return store;
    }

    private static async Task<byte[]> CommitAsync(FileSystemBlobStore store, string path, int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
        await blob.Stream.WriteAsync(bytes);
        await blob.FlushAsync(CancellationToken.None);
        await blob.CommitAsync(path, CancellationToken.None);
        return bytes;
    }

    /// <summary>A folder beside the test's binaries: on the disk, where page cache advice applies.</summary>
    private sealed class DiskFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "page-cache-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private string[] Spares() => Directory.GetFiles(Path.Combine(_root, SpareFiles.Folder));

    /// <summary>The spare files once the store has made at least <paramref name="count"/> (in the background; it keeps 32).</summary>
    private async Task<string[]> SparesMadeAsync(int count = 32)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] spares;
        while ((spares = Spares()).Length < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.InRange(spares.Length, count, 32);
        return spares;
    }

    /// <summary>A store holding one committed blob at <paramref name="path"/>: the bytes 0 to 255.</summary>
    private async Task<FileSystemBlobStore> StoreWithBytes0To255Async(string path)
    {
        var store = Open(new FileSystemBlobStoreOptions(_root));
        await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
        await blob.Stream.WriteAsync(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        await blob.CommitAsync(path, CancellationToken.None);
        return store;
    }
}
