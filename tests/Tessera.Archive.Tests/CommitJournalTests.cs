using System.Collections.Concurrent;
using Tessera.Blobs.FileSystem;
using Tessera.Testing;

namespace Tessera.Archive.Tests;

/// <summary>
/// The file store's commit journal: a small blob is durable by its journal record, and opening the store after a crash
/// writes again what the files lost. A power loss cannot be caused here; what it may leave — a rename not on disk, a file
/// whose bytes were not written, a record torn mid-write — is made by hand, then the store is opened again.
/// </summary>
public sealed class CommitJournalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-journal-").FullName;

    [Fact]
    public async Task A_small_blob_is_recorded_in_the_journal_and_written_at_its_name()
    {
        using var store = Open();
        var bytes = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 10_000, seed: 1);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
        Assert.True(new FileInfo(Path.Combine(_root, CommitJournal.Folder, "commits")).Length > 0);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.TemporaryFolder)));

        // The journal is the store's own: neither the consistency check nor a recovery sees it as a blob.
        Assert.Equal(["1.2/3.4/5.6.aaaa.dcm"], await store.EnumerateAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(["1.2/3.4/5.6.aaaa.dcm"], await store.EnumerateCommittedSinceAsync(DateTimeOffset.MinValue, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Opening_after_a_crash_writes_again_a_lost_rename_and_lost_bytes_with_their_commit_time()
    {
        byte[] lostRename, lostBytes, intact;
        DateTime committed;
        using (var store = Open())
        {
            lostRename = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 10_000, seed: 1);
            lostBytes = await CommitAsync(store, "1.2/3.4/5.7.bbbb.dcm", 70_000, seed: 2);
            intact = await CommitAsync(store, "1.2/3.5/5.8.cccc.dcm", 300, seed: 3);
            committed = File.GetLastWriteTimeUtc(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm"));
        }

        // The crash: one name never reached the disk, one file's blocks did not (zeros, or a shorter file).
        File.Delete(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm"));
        await File.WriteAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm"), new byte[4096]);

        ReopenAndReplay(expected: 2);

        Assert.Equal(lostRename, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
        Assert.Equal(lostBytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm")));
        Assert.Equal(intact, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.5/5.8.cccc.dcm")));
        Assert.InRange(File.GetLastWriteTimeUtc(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")), committed.AddSeconds(-2), committed.AddSeconds(2));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.TemporaryFolder)));
    }

    [Fact]
    public async Task A_lost_folder_is_created_again()
    {
        byte[] bytes;
        using (var store = Open())
        {
            bytes = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 5_000, seed: 4);
        }

        Directory.Delete(Path.Combine(_root, "1.2"), recursive: true);
        ReopenAndReplay(expected: 1);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
    }

    [Fact]
    public async Task A_blob_deleted_after_its_commit_is_not_brought_back()
    {
        byte[] kept;
        using (var store = Open())
        {
            await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 5_000, seed: 40);
            kept = await CommitAsync(store, "1.2/3.4/5.7.bbbb.dcm", 5_000, seed: 41);
            Assert.True(await store.DeleteAsync("1.2/3.4/5.6.aaaa.dcm", CancellationToken.None));
        }

        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
        File.Delete(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm"));
        ReopenAndReplay(expected: 1);

        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
        Assert.Equal(kept, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm")));
    }

    [Fact]
    public async Task A_delete_the_crash_undid_is_done_again()
    {
        byte[] bytes;
        using (var store = Open())
        {
            bytes = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 5_000, seed: 42);
            Assert.True(await store.DeleteAsync("1.2/3.4/5.6.aaaa.dcm", CancellationToken.None));
        }

        // The unlink was not on disk yet when the power went.
        await File.WriteAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm"), bytes);
        ReopenAndReplay(expected: 0);

        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
    }

    [Fact]
    public async Task A_torn_record_ends_the_replay_and_nothing_after_it_is_trusted()
    {
        using (var store = Open())
        {
            await CommitAsync(store, "1.2/3.4/5.1.aaaa.dcm", 5_000, seed: 5);
            await CommitAsync(store, "1.2/3.4/5.2.bbbb.dcm", 5_000, seed: 6);
            await CommitAsync(store, "1.2/3.4/5.3.cccc.dcm", 5_000, seed: 7);
        }

        // Records start on 4 KiB blocks after the header block: 5,000 bytes take two, so the second record is at 12 KiB.
        await using (var journal = new FileStream(Path.Combine(_root, CommitJournal.Folder, "commits"), FileMode.Open, FileAccess.Write))
        {
            journal.Position = 3 * CommitJournal.BlockSize + 2_000;
            journal.Write(new byte[100]);
        }

        foreach (var name in new[] { "5.1.aaaa", "5.2.bbbb", "5.3.cccc" })
        {
            File.Delete(Path.Combine(_root, $"1.2/3.4/{name}.dcm"));
        }

        ReopenAndReplay(expected: 1);

        Assert.True(File.Exists(Path.Combine(_root, "1.2/3.4/5.1.aaaa.dcm")));
        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.2.bbbb.dcm")));
        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.3.cccc.dcm")));
    }

    [Fact]
    public async Task After_a_checkpoint_the_records_before_it_are_not_played_again()
    {
        using (var store = Open())
        {
            await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 5_000, seed: 8);
        }

        // Opening checkpoints: the file is durable, the journal starts a new generation.
        ReopenAndReplay(expected: 0);

        File.Delete(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm"));
        ReopenAndReplay(expected: 0);

        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
    }

    [Fact]
    public async Task A_journal_whose_header_is_torn_is_made_anew_and_records_again()
    {
        using (var store = Open())
        {
            await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 5_000, seed: 30);
        }

        // A crash while the header was written (at creation, or at a checkpoint after syncfs): it cannot be trusted.
        await using (var journal = new FileStream(Path.Combine(_root, CommitJournal.Folder, "commits"), FileMode.Open, FileAccess.Write))
        {
            journal.Write(new byte[] { 1, 2, 3 });
        }

        byte[] later;
        using (var reopened = Open())
        {
            Assert.Equal(0, reopened.ReplayedCommits);
            later = await CommitAsync(reopened, "1.2/3.4/5.7.bbbb.dcm", 5_000, seed: 31);
        }

        File.Delete(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm"));
        ReopenAndReplay(expected: 1);

        Assert.Equal(later, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm")));
    }

    [Fact]
    public async Task A_full_journal_checkpoints_and_goes_on_recording()
    {
        // Room for two 20 KB records after the header block: the third append checkpoints first.
        var capacity = CommitJournal.BlockSize * 13L;
        var options = new FileSystemBlobStoreOptions(_root) { CommitJournalBlobLimit = 20_000, CommitJournalCapacity = capacity };
        var written = new Dictionary<string, byte[]>();
        using (var store = new FileSystemBlobStore(options))
        {
            for (var i = 1; i <= 7; i++)
            {
                written[$"1.2/3.4/5.{i}.aaaa.dcm"] = await CommitAsync(store, $"1.2/3.4/5.{i}.aaaa.dcm", 20_000, seed: 10 + i);
            }
        }

        Assert.Equal(capacity, new FileInfo(Path.Combine(_root, CommitJournal.Folder, "commits")).Length);
        foreach (var (path, bytes) in written)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, path)));
        }

        // The last commit is in the journal's current generation, the first ones were checkpointed.
        File.Delete(Path.Combine(_root, "1.2/3.4/5.7.aaaa.dcm"));
        File.Delete(Path.Combine(_root, "1.2/3.4/5.1.aaaa.dcm"));
        using (var reopened = new FileSystemBlobStore(options))
        {
            Assert.Equal(1, reopened.ReplayedCommits);
        }

        Assert.Equal(written["1.2/3.4/5.7.aaaa.dcm"], await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.7.aaaa.dcm")));
        Assert.False(File.Exists(Path.Combine(_root, "1.2/3.4/5.1.aaaa.dcm")));
    }

    [Fact]
    public async Task Concurrent_commits_share_syncs_and_each_is_played_back_after_a_crash()
    {
        var written = new ConcurrentDictionary<string, byte[]>();
        using (var store = Open())
        {
            await Parallel.ForAsync(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var path = $"1.2/3.{i % 4}/5.{i}.aaaa.dcm";
                written[path] = await CommitAsync(store, path, 3_000 + i, seed: 100 + i);
            });
        }

        foreach (var path in written.Keys)
        {
            File.Delete(Path.Combine(_root, path));
        }

        ReopenAndReplay(expected: 64);

        foreach (var (path, bytes) in written)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, path)));
        }
    }

    [Fact]
    public async Task Checkpoints_between_concurrent_commits_lose_none()
    {
        // Six 5 KB records per generation: 48 concurrent commits checkpoint several times while others wait for their sync.
        var options = new FileSystemBlobStoreOptions(_root) { CommitJournalBlobLimit = 20_000, CommitJournalCapacity = CommitJournal.BlockSize * 13L };
        var written = new ConcurrentDictionary<string, byte[]>();
        using (var store = new FileSystemBlobStore(options))
        {
            await Parallel.ForAsync(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var path = $"1.2/3.4/5.{i}.aaaa.dcm";
                written[path] = await CommitAsync(store, path, 5_000, seed: 200 + i);
            });
        }

        foreach (var (path, bytes) in written)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, path)));
        }

        using var reopened = new FileSystemBlobStore(options);
        Assert.Equal(0, reopened.ReplayedCommits);
    }

    [Fact]
    public async Task A_blob_that_outgrows_the_limit_moves_to_a_temporary_file_is_committed_by_fsync_and_not_recorded()
    {
        var options = new FileSystemBlobStoreOptions(_root) { CommitJournalBlobLimit = 10_000 };
        var bytes = new byte[25_001];
        new Random(20).NextBytes(bytes);
        using (var store = new FileSystemBlobStore(options))
        {
            await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
            await blob.Stream.WriteAsync(bytes.AsMemory(0, 6_000));
            Assert.Empty(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.TemporaryFolder)));

            // The write that passes the limit moves what was held into a temporary file (a spare), then goes on there.
            await blob.Stream.WriteAsync(bytes.AsMemory(6_000, 9_000));
            Assert.NotNull(Assert.IsType<SpillStream>(blob.Stream).Spilled);
            await blob.Stream.WriteAsync(bytes.AsMemory(15_000));
            await blob.FlushAsync(CancellationToken.None);
            await blob.CommitAsync("1.2/3.4/5.6.aaaa.dcm", CancellationToken.None);
        }

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.TemporaryFolder)));
        Assert.False(Directory.Exists(Path.Combine(_root, CommitJournal.Folder)));
        File.Delete(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm"));
        using var reopened = new FileSystemBlobStore(options);
        Assert.Equal(0, reopened.ReplayedCommits);
    }

    [Fact]
    public async Task A_blob_committed_again_under_its_name_replaces_the_file_whole()
    {
        using var store = Open();
        var first = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 10_000, seed: 21);

        // The name holds the bytes' SHA-256, so the same name is the same bytes; a reader of the file meanwhile sees it whole.
        await using var reader = store.OpenRead("1.2/3.4/5.6.aaaa.dcm");
        var again = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 10_000, seed: 21);

        Assert.Equal(first, again);
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
        var held = new byte[10_000];
        await reader.ReadExactlyAsync(held);
        Assert.Equal(first, held);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.TemporaryFolder)));
    }

    [Fact]
    public async Task A_blob_the_journal_cannot_take_is_committed_by_fsync_from_memory()
    {
        // A file where the journal's folder must go: creating the journal fails, as on a full disk.
        await File.WriteAllBytesAsync(Path.Combine(_root, CommitJournal.Folder), []);
        var logger = new RecordingLogger<FileSystemBlobStore>();
        using (var store = new FileSystemBlobStore(new FileSystemBlobStoreOptions(_root), logger))
        {
            var first = await CommitAsync(store, "1.2/3.4/5.6.aaaa.dcm", 10_000, seed: 22);
            var second = await CommitAsync(store, "1.2/3.4/5.7.bbbb.dcm", 20_000, seed: 23);
            Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.6.aaaa.dcm")));
            Assert.Equal(second, await File.ReadAllBytesAsync(Path.Combine(_root, "1.2/3.4/5.7.bbbb.dcm")));
        }

        // Said once, when the fallback starts, not once per file.
        Assert.Equal(1201, Assert.Single(logger.Lines).Id.Id);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.TemporaryFolder)));
    }

    [Fact]
    public async Task A_blob_held_in_memory_and_never_committed_leaves_nothing()
    {
        using var store = Open();
        await using (var blob = await store.CreateTemporaryAsync(CancellationToken.None))
        {
            await blob.Stream.WriteAsync(new byte[5_000]);
        }

        // The store's empty spare files aside.
        Assert.DoesNotContain(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), path => Path.GetFileName(Path.GetDirectoryName(path)) != SpareFiles.Folder);
        Assert.All(Directory.GetFiles(Path.Combine(_root, SpareFiles.Folder)), path => Assert.Equal(0, new FileInfo(path).Length));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FileSystemBlobStore Open() => new(new FileSystemBlobStoreOptions(_root));

    /// <summary>Opens the store again, as the server does after a crash, and checks how many commits it wrote again.</summary>
    private void ReopenAndReplay(int expected)
    {
        using var store = Open();
        Assert.Equal(expected, store.ReplayedCommits);
    }

    private static async Task<byte[]> CommitAsync(FileSystemBlobStore store, string path, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        await using var blob = await store.CreateTemporaryAsync(CancellationToken.None);
        await blob.Stream.WriteAsync(bytes);
        await blob.FlushAsync(CancellationToken.None);
        await blob.CommitAsync(path, CancellationToken.None);
        return bytes;
    }
}
