using System.Globalization;
using Tessera.Archive.Index;
using Tessera.Archive.Query;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// The SQLite writer's batches: commits queued together share one transaction, and the counts it
/// sums per batch (BatchCounters) must equal one increment per stored instance, whatever a batch mixes; a durability
/// barrier (MakeDurableAsync) goes through the same queue.
/// </summary>
public sealed class SqliteWriterBatchTests
{
    private static IndexEntry Entry(int patient, int study, int series, int instance, string content = "a")
    {
        var studyUid = string.Create(CultureInfo.InvariantCulture, $"1.2.826.0.1.3680043.10.99.{patient}.{study}");
        var seriesUid = string.Create(CultureInfo.InvariantCulture, $"{studyUid}.{series}");
        var sopUid = string.Create(CultureInfo.InvariantCulture, $"{seriesUid}.{instance}");
        var values = new Dictionary<DicomTag, string>
        {
            [DicomTags.PatientID] = string.Create(CultureInfo.InvariantCulture, $"P{patient}"),
            [DicomTags.PatientName] = "Batch^Test",
            [DicomTags.StudyInstanceUID] = studyUid,
            [DicomTags.SeriesInstanceUID] = seriesUid,
            [DicomTags.SOPInstanceUID] = sopUid,
            [DicomTags.SOPClassUID] = DicomUids.CTImageStorage,
            [DicomTags.Modality] = "CT",
            [DicomTags.InstanceNumber] = instance.ToString(CultureInfo.InvariantCulture),
        };
        var digest = new string(content[0], 64);
        return new IndexEntry(values, Array.Empty<byte>(), new BlobLocation("fs", $"{studyUid}/{seriesUid}/{sopUid}.{digest[..16]}.dcm", DicomUids.ExplicitVRLittleEndian, 100, digest, digest, Array.Empty<byte>()));
    }

    [Fact]
    public async Task A_commit_while_the_writer_is_idle_is_done_on_the_callers_thread()
    {
        // No hand-over to the writer's task and back: the commit has happened when CommitAsync returns.
        using var temporary = new TemporaryFolder();
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(Path.Combine(temporary.Path, "index.db")), async store =>
        {
            await store.CommitAsync(Entry(1, 1, 1, 1), DuplicatePolicy.KeepBoth, CancellationToken.None);
            var commit = store.CommitAsync(Entry(1, 1, 1, 2), DuplicatePolicy.KeepBoth, CancellationToken.None);
            Assert.True(commit.IsCompletedSuccessfully);
            Assert.Equal(IndexCommitOutcome.Stored, (await commit).Outcome);
            Assert.Equal(new IndexCounts(1, 1, 1, 2, 2), await store.CountAsync(CancellationToken.None));
        });
    }

    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Full, 0)]
    public async Task A_durability_barrier_syncs_what_was_committed_since_the_last_one_and_writes_a_row_only_when_commits_sync_lazily(SqliteSynchronous synchronous, long marks)
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var database = Path.Combine(folder, "index.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database) { Synchronous = synchronous }, async store =>
        {
            Assert.Equal(IndexCommitOutcome.Stored, (await store.CommitAsync(Entry(1, 1, 1, 1), DuplicatePolicy.KeepBoth, CancellationToken.None)).Outcome);
            await store.MakeDurableAsync(CancellationToken.None);
            if (synchronous == SqliteSynchronous.Normal)
            {
                // Nothing committed since the last barrier: nothing to sync, nothing written. A commit after it: a sync.
                var synced = SqliteFiles.Scalar(database, SyncedMicroseconds);
                await store.MakeDurableAsync(CancellationToken.None);
                Assert.Equal(synced, SqliteFiles.Scalar(database, SyncedMicroseconds));
                await store.CommitAsync(Entry(1, 1, 1, 2), DuplicatePolicy.KeepBoth, CancellationToken.None);
                await store.MakeDurableAsync(CancellationToken.None);
                Assert.NotEqual(synced, SqliteFiles.Scalar(database, SyncedMicroseconds));
            }
        });

        // A commit that writes nothing does not sync the WAL: the barrier rewrites its one row.
        Assert.Equal(marks, SqliteFiles.Scalar(database, "SELECT count(*) FROM durable_mark"));
        Assert.Equal(synchronous == SqliteSynchronous.Normal ? 2 : 1, SqliteFiles.Scalar(database, "SELECT count(*) FROM instance"));
    }

    private const string SyncedMicroseconds = "SELECT CAST(julianday(synced_utc) * 86400000000 AS INTEGER) FROM durable_mark";

    [Fact]
    public async Task Counts_summed_per_batch_equal_one_per_stored_instance_with_duplicates_and_versions_in_the_same_batch()
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var index = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db")) { MaxBatchSize = 64 });
        await using (index)
        {
            await index.InitializeAsync(CancellationToken.None);

            // 2 patients × 2 studies × 3 series × 10 instances, queued at once (so in few batches), each
            // instance also sent again (duplicate) and every fifth with other content (new version).
            var entries = (from patient in Enumerable.Range(1, 2)
                           from study in Enumerable.Range(1, 2)
                           from series in Enumerable.Range(1, 3)
                           from instance in Enumerable.Range(1, 10)
                           select (patient, study, series, instance)).ToList();
            var commits = entries.Select(e => index.CommitAsync(Entry(e.patient, e.study, e.series, e.instance), DuplicatePolicy.KeepBoth, CancellationToken.None).AsTask())
                .Concat(entries.Select(e => index.CommitAsync(Entry(e.patient, e.study, e.series, e.instance), DuplicatePolicy.KeepBoth, CancellationToken.None).AsTask()))
                .Concat(entries.Where(e => e.instance % 5 == 0).Select(e => index.CommitAsync(Entry(e.patient, e.study, e.series, e.instance, "b"), DuplicatePolicy.KeepBoth, CancellationToken.None).AsTask()))
                .ToList();
            var outcomes = (await Task.WhenAll(commits)).Select(r => r.Outcome).ToList();

            Assert.Equal(120, outcomes.Count(o => o == IndexCommitOutcome.Stored));
            Assert.Equal(120, outcomes.Count(o => o == IndexCommitOutcome.Duplicate));
            Assert.Equal(24, outcomes.Count(o => o == IndexCommitOutcome.NewVersion));
            Assert.Equal(new IndexCounts(2, 4, 12, 120, 144), await index.CountAsync(CancellationToken.None));

            var query = new QueryService(index);
            foreach (var (level, tag, expected) in new[]
            {
                ("PATIENT", DicomTags.NumberOfPatientRelatedInstances, "60"),
                ("PATIENT", DicomTags.NumberOfPatientRelatedSeries, "6"),
                ("PATIENT", DicomTags.NumberOfPatientRelatedStudies, "2"),
                ("STUDY", DicomTags.NumberOfStudyRelatedInstances, "30"),
                ("STUDY", DicomTags.NumberOfStudyRelatedSeries, "3"),
                ("SERIES", DicomTags.NumberOfSeriesRelatedInstances, "10"),
            })
            {
                var identifier = Identifiers.Level(level, (tag, DicomVR.IS, string.Empty));
                if (level == "SERIES")
                {
                    identifier.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, Entry(1, 2, 1, 1).StudyInstanceUid);
                }

                Assert.True(ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.PatientRoot, out var parsed, out var error), error);
                var found = new List<string?>();
                await foreach (var match in query.FindAsync(parsed!))
                {
                    found.Add(match.GetString(tag));
                }

                Assert.NotEmpty(found);
                Assert.All(found, value => Assert.Equal(expected, value));
            }
        }
    }
}
