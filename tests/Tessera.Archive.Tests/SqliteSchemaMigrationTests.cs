using Microsoft.Data.Sqlite;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// An index written by an older Tessera is brought up to the current schema when opened: version 1 had no
/// location.needs_repair, so its rows read back as "not known" (null) and new rows keep their flag; version 2 had no
/// location.meta_sha256, so its rows keep their whole-file hash and new rows may be hashed in two parts; version 3 had
/// no series_sop_class, which is filled from the instances, and kept person names upper case but with their trailing
/// empty components for matching.
/// </summary>
public sealed class SqliteSchemaMigrationTests
{
    [Fact]
    public async Task A_version_1_index_gains_needs_repair_and_keeps_its_rows()
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var database = Path.Combine(folder, "index.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), store => store.CommitAsync(Entry("2.25.1", repair: false), DuplicatePolicy.KeepBoth, CancellationToken.None).AsTask());
        SqliteFiles.Execute(database, "ALTER TABLE location DROP COLUMN needs_repair; ALTER TABLE location DROP COLUMN meta_sha256; DROP TABLE series_sop_class; PRAGMA user_version = 1;");

        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), async store =>
        {
            var old = await store.FindInstanceAsync("2.25.1", CancellationToken.None);
            Assert.Null(old!.Location.NeedsRepair);
            await store.CommitAsync(Entry("2.25.2", repair: true), DuplicatePolicy.KeepBoth, CancellationToken.None);
            var added = await store.FindInstanceAsync("2.25.2", CancellationToken.None);
            Assert.True(added!.Location.NeedsRepair);
        });

        Assert.Equal(4L, SqliteFiles.Scalar(database, "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_version_2_index_gains_meta_sha256_and_its_rows_keep_their_whole_file_hash()
    {
        using var temporary = new TemporaryFolder();
        var database = Path.Combine(temporary.Path, "index.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), store => store.CommitAsync(Entry("2.25.1", repair: false), DuplicatePolicy.KeepBoth, CancellationToken.None).AsTask());
        SqliteFiles.Execute(database, "ALTER TABLE location DROP COLUMN meta_sha256; DROP TABLE series_sop_class; PRAGMA user_version = 2;");

        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), async store =>
        {
            var old = (await store.FindInstanceAsync("2.25.1", CancellationToken.None))!.Location;
            Assert.Equal(new string('a', 64), old.FileSha256);
            Assert.Null(old.MetaSha256);
            var entry = Entry("2.25.2", repair: false);
            var twoParts = entry with { Location = entry.Location with { FileSha256 = null, MetaSha256 = new string('c', 64) } };
            await store.CommitAsync(twoParts, DuplicatePolicy.KeepBoth, CancellationToken.None);
            var added = (await store.FindInstanceAsync("2.25.2", CancellationToken.None))!.Location;
            Assert.Null(added.FileSha256);
            Assert.Equal(new string('c', 64), added.MetaSha256);
        });

        Assert.Equal(4L, SqliteFiles.Scalar(database, "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_version_3_index_gains_the_sop_classes_of_its_series_and_its_names_matching_form()
    {
        using var temporary = new TemporaryFolder();
        var database = Path.Combine(temporary.Path, "index.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), async store =>
        {
            await store.CommitAsync(Entry("2.25.1", repair: false), DuplicatePolicy.KeepBoth, CancellationToken.None);
            await store.CommitAsync(Entry("2.25.2", repair: false), DuplicatePolicy.KeepBoth, CancellationToken.None);
        });
        SqliteFiles.Execute(database, "DROP TABLE series_sop_class; UPDATE patient SET PatientName = 'Doe^John^^', PatientNameUpper = 'DOE^JOHN^^'; PRAGMA user_version = 3;");

        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), _ => Task.CompletedTask);

        // Version 3 kept the names' matching form as upper case only; version 4 also drops the trailing empty components.
        Assert.Equal(1L, SqliteFiles.Scalar(database, "SELECT count(*) FROM patient WHERE PatientNameUpper = 'DOE^JOHN'"));

        Assert.Equal(4L, SqliteFiles.Scalar(database, "PRAGMA user_version"));
        Assert.Equal(1L, SqliteFiles.Scalar(database, "SELECT count(*) FROM series_sop_class"));
        Assert.Equal(1L, SqliteFiles.Scalar(database, "SELECT count(*) FROM series_sop_class WHERE SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'"));
    }

    [Fact]
    public async Task An_index_of_a_newer_schema_is_refused()
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var database = Path.Combine(folder, "index.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), _ => Task.CompletedTask);
        SqliteFiles.Execute(database, "PRAGMA user_version = 99;");
        var store = new SqliteIndexStore(new SqliteIndexOptions(database));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None).AsTask());
        Assert.Contains("99", refused.Message, StringComparison.Ordinal);
        await store.DisposeAsync();
    }

    private static IndexEntry Entry(string sop, bool repair)
    {
        var values = new Dictionary<DicomTag, string>
        {
            [DicomTags.PatientID] = "MIGRATE",
            [DicomTags.StudyInstanceUID] = "2.25.100",
            [DicomTags.SeriesInstanceUID] = "2.25.200",
            [DicomTags.SOPInstanceUID] = sop,
            [DicomTags.SOPClassUID] = "1.2.840.10008.5.1.4.1.1.7",
        };
        var location = new BlobLocation("fs", $"2.25.100/2.25.200/{sop}.dcm", "1.2.840.10008.1.2.1", 10, new string('a', 64), new string('b', 64), ReadOnlyMemory<byte>.Empty, repair);
        return new IndexEntry(values, new byte[] { 1 }, location);
    }
}
