using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Blobs.FileSystem;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// The blobs are the journal of the index (IngestService.RecoverAsync, MakeIndexDurableAsync): rows lost with an unsynced
/// WAL tail are rebuilt from the blobs stored since the recovery point, in the order they were stored; what is not
/// ingest's to index is left or deleted as ingest would decide.
/// </summary>
public sealed class IngestRecoveryTests : IDisposable
{
    private static readonly Instances.Spec Ct = new();
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-1);

    private readonly TemporaryFolder _temporary = new();
    private readonly FileSystemBlobStore _blobs;

    public IngestRecoveryTests() => _blobs = new FileSystemBlobStore(new FileSystemBlobStoreOptions(Path.Combine(Folder, "files")));

    private string Folder => _temporary.Path;

    public void Dispose()
    {
        _blobs.Dispose();
        _temporary.Dispose();
    }

    [Fact]
    public async Task Blobs_whose_rows_were_lost_are_indexed_again_and_a_second_recovery_finds_nothing_to_do()
    {
        var specs = Enumerable.Range(1, 3).Select(i => Ct with { SopUid = $"{Ct.SeriesUid}.{i}", InstanceNumber = $"{i}" }).ToList();
        await using (var before = await OpenIndexAsync("before.db"))
        {
            var ingest = new IngestService(_blobs, before);
            foreach (var spec in specs)
            {
                Assert.Equal(IngestOutcome.Stored, (await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(spec))))).Outcome);
            }
        }

        // The rows are lost (a new, empty index over the same blobs): the recovery stores each blob's row again.
        await using var after = await OpenIndexAsync("after.db");
        var recovery = new IngestService(_blobs, after);
        Assert.Equal(new RecoveryReport(3, 3, 0, 0), await recovery.RecoverAsync(LongAgo, CancellationToken.None));
        foreach (var spec in specs)
        {
            var stored = await after.FindInstanceAsync(spec.SopUid, CancellationToken.None);
            Assert.NotNull(stored);
            Assert.True(_blobs.Exists(stored.Location.RelativePath), "indexed under the blob's own name: the same bytes");
        }

        Assert.Equal(3, Directory.GetFiles(Path.Combine(Folder, "files", Ct.StudyUid), "*.dcm", SearchOption.AllDirectories).Length);
        Assert.Equal(new RecoveryReport(3, 0, 0, 0), await recovery.RecoverAsync(LongAgo, CancellationToken.None));
    }

    [Fact]
    public async Task Versions_are_indexed_again_in_the_order_they_were_stored_so_the_latest_stays_current()
    {
        string latest;
        await using (var before = await OpenIndexAsync("before.db"))
        {
            var ingest = new IngestService(_blobs, before);
            await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct with { StationName = "FIRST" }))));
            await Task.Delay(20); // distinct file times
            var second = await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct with { StationName = "SECOND" }))));
            Assert.Equal(IngestOutcome.NewVersion, second.Outcome);
            latest = second.Location!.RelativePath;
        }

        // The newer blob's name may sort first: only the stored order may decide.
        await using var after = await OpenIndexAsync("after.db");
        var report = await new IngestService(_blobs, after).RecoverAsync(LongAgo, CancellationToken.None);

        Assert.Equal(new RecoveryReport(2, 2, 0, 0), report);
        var current = await after.FindInstanceAsync(Ct.SopUid, CancellationToken.None);
        Assert.Equal(2, current!.Version);
        Assert.Equal(latest, current.Location.RelativePath);
    }

    [Fact]
    public async Task A_copy_of_an_indexed_version_is_deleted_and_a_blob_that_is_not_DICOM_is_left_for_the_check()
    {
        await using var index = await OpenIndexAsync("index.db");
        var ingest = new IngestService(_blobs, index);
        var stored = await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct))));
        var files = Path.Combine(Folder, "files");
        var copy = $"{Ct.StudyUid}/{Ct.SeriesUid}/{Ct.SopUid}.0123456789abcdef.dcm";
        File.Copy(Path.Combine(files, stored.Location!.RelativePath), Path.Combine(files, copy));
        var junk = $"{Ct.StudyUid}/{Ct.SeriesUid}/1.2.3.4.fedcba9876543210.dcm";
        await File.WriteAllBytesAsync(Path.Combine(files, junk), new byte[64]);

        var report = await ingest.RecoverAsync(LongAgo, CancellationToken.None);

        Assert.Equal(new RecoveryReport(3, 0, 1, 1), report);
        Assert.False(_blobs.Exists(copy));
        Assert.True(_blobs.Exists(junk));
        Assert.True(_blobs.Exists(stored.Location.RelativePath));
    }

    [Fact]
    public async Task Folders_unchanged_since_the_recovery_point_are_not_looked_at()
    {
        await using (var before = await OpenIndexAsync("before.db"))
        {
            await new IngestService(_blobs, before).IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct))));
        }

        Directory.SetLastWriteTimeUtc(Path.Combine(Folder, "files", Ct.StudyUid, Ct.SeriesUid), DateTime.UtcNow.AddHours(-2));
        await using var after = await OpenIndexAsync("after.db");

        Assert.Equal(new RecoveryReport(0, 0, 0, 0), await new IngestService(_blobs, after).RecoverAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None));
    }

    [Fact]
    public async Task The_recovery_point_is_not_later_than_a_commit_still_running()
    {
        var events = new List<string>();
        await using var index = new RecordingIndex(await OpenIndexAsync("index.db"), events);
        var release = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        index.BeforeCommit = () =>
        {
            held.TrySetResult();
            return release.Task;
        };
        var ingest = new IngestService(_blobs, index);
        var storing = ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct))));
        await held.Task;
        var afterTheRename = DateTimeOffset.UtcNow;

        var point = await ingest.MakeIndexDurableAsync(CancellationToken.None);

        Assert.True(point < afterTheRename, $"{point:O} is after the running commit began");
        release.SetResult();
        Assert.Equal(IngestOutcome.Stored, (await storing).Outcome);
        index.BeforeCommit = null;
        var idle = DateTimeOffset.UtcNow;
        Assert.True(await ingest.MakeIndexDurableAsync(CancellationToken.None) >= idle, "with nothing running, the point is now");
    }

    [Fact]
    public async Task An_overwritten_blob_is_deleted_only_after_the_index_no_longer_refers_to_it_durably()
    {
        var events = new List<string>();
        await using var index = new RecordingIndex(await OpenIndexAsync("index.db"), events);
        var ingest = new IngestService(new RecordingBlobs(_blobs, events), index, IngestOptions.Default with { DuplicatePolicy = DuplicatePolicy.Overwrite });
        var first = await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct with { StationName = "FIRST" }))));
        events.Clear();

        var second = await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct with { StationName = "SECOND" }))));

        Assert.Equal(IngestOutcome.Overwritten, second.Outcome);
        Assert.Equal(["commit Overwritten", "durable", $"delete {first.Location!.RelativePath}"], events);
    }

    /// <summary>SQLite as `tessera serve` runs it: commits sync lazily, MakeDurableAsync syncs.</summary>
    private async Task<IIndexStore> OpenIndexAsync(string name)
    {
        var index = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(Folder, name)) { Synchronous = SqliteSynchronous.Normal });
        await index.InitializeAsync(CancellationToken.None);
        return index;
    }
}
