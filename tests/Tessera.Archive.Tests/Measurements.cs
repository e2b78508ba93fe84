using System.Diagnostics;
using System.Globalization;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Query;
using Tessera.Archive.Tests.Support;
using Tessera.Blobs.FileSystem;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// Ingest and query figures for the report. Runs only with TESSERA_MEASURE=1 (it takes a minute and
/// its numbers mean something only on a quiet machine); writes to TESSERA_MEASURE_OUTPUT or stdout.
/// </summary>
public sealed class Measurements
{
    [MeasurementFact]
    public async Task Ingest_and_query_figures()
    {
        var report = new List<string>();
        var corpus = Corpus.Files.Select(name => File.ReadAllBytes(Corpus.PathOf(name))).ToList();
        foreach (var synchronous in new[] { SqliteSynchronous.Full, SqliteSynchronous.Normal })
        {
            foreach (var parallel in new[] { 1, 4 })
            {
                report.Add(await IngestRunAsync($"corpus ({corpus.Count} files, {corpus.Sum(c => c.Length) / corpus.Count / 1024} KiB avg)", corpus, parallel, synchronous));
                var ct = Enumerable.Range(0, 200).Select(i => Instances.Part10(new Instances.Spec
                {
                    Rows = 512,
                    Columns = 512,
                    SopUid = $"1.2.826.0.1.3680043.10.7.1.{i}",
                    SeriesUid = "1.2.826.0.1.3680043.10.7.1",
                    StudyUid = "1.2.826.0.1.3680043.10.7",
                    InstanceNumber = (i + 1).ToString(CultureInfo.InvariantCulture),
                })).ToList();
                report.Add(await IngestRunAsync("CT 512x512 16-bit (200 × 513 KiB)", ct, parallel, synchronous));
            }
        }

        report.Add(await QueryRunAsync());
        var text = string.Join(Environment.NewLine, report);
        var output = Environment.GetEnvironmentVariable("TESSERA_MEASURE_OUTPUT");
        if (output is null)
        {
            Console.WriteLine(text);
        }
        else
        {
            await File.WriteAllTextAsync(output, text);
        }
    }

    private static async Task<string> IngestRunAsync(string label, List<byte[]> inputs, int parallel, SqliteSynchronous synchronous)
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var database = Path.Combine(folder, "index.db");
        var index = new SqliteIndexStore(new SqliteIndexOptions(database) { Synchronous = synchronous });
        await index.InitializeAsync(CancellationToken.None);
        using var blobs = new FileSystemBlobStore(new FileSystemBlobStoreOptions(Path.Combine(folder, "files")));
        var ingest = new IngestService(blobs, index);
        var baseline = await EmptyDatabaseBytesAsync(folder);
        var written = WrittenBytes();
        var clock = Stopwatch.StartNew();
        var stored = 0;
        long storedBytes = 0;
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (bytes, token) =>
        {
            var result = await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(bytes, writable: false)), token);
            if (result.IsSuccess && result.Outcome != IngestOutcome.Duplicate)
            {
                Interlocked.Increment(ref stored);
                Interlocked.Add(ref storedBytes, result.Location!.Size);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var indexWrites = WrittenBytes() - written - storedBytes;
        await index.DisposeAsync();

        // After the last connection closes the WAL is checkpointed into the database and deleted.
        var indexBytes = DatabaseBytes(database) - baseline;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{label}, synchronous={synchronous}, parallel={parallel}: {stored} stored in {seconds:F2} s = {stored / seconds:F0} instances/s, {storedBytes / seconds / 1e6:F1} MB/s; database growth {indexBytes / Math.Max(1, stored)} B/instance, index writes (WAL + checkpoints, from write(2) totals minus blob bytes) {indexWrites / Math.Max(1, stored)} B/instance");
    }

    /// <summary>Bytes this process passed to write(2) so far (Linux /proc/self/io "wchar"); 0 elsewhere.</summary>
    private static long WrittenBytes()
    {
        const string Io = "/proc/self/io";
        return File.Exists(Io)
            ? File.ReadLines(Io).Where(l => l.StartsWith("wchar:", StringComparison.Ordinal)).Select(l => long.Parse(l[6..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault()
            : 0;
    }

    /// <summary>Size of a database holding only the schema, closed (WAL checkpointed and removed).</summary>
    private static async Task<long> EmptyDatabaseBytesAsync(string folder)
    {
        var path = Path.Combine(folder, "empty.db");
        var empty = new SqliteIndexStore(new SqliteIndexOptions(path));
        await empty.InitializeAsync(CancellationToken.None);
        await empty.DisposeAsync();
        return DatabaseBytes(path);
    }

    private static long DatabaseBytes(string database) =>
        new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    /// <summary>10,000 instances: 1,000 patients × 2 studies × 5 instances, then study-level queries by Patient ID.</summary>
    private static async Task<string> QueryRunAsync()
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var index = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db")));
        await index.InitializeAsync(CancellationToken.None);

        // Fixture building is not what is measured: no fsync for these blobs.
        using var blobs = new FileSystemBlobStore(new FileSystemBlobStoreOptions(Path.Combine(folder, "files")) { Durable = false });
        var ingest = new IngestService(blobs, index);
        var specs = from patient in Enumerable.Range(0, 1000)
                    from study in Enumerable.Range(0, 2)
                    from instance in Enumerable.Range(0, 5)
                    select new Instances.Spec
                    {
                        PatientId = $"PID{patient:D5}",
                        PatientName = $"Name{patient:D5}^Given",
                        StudyUid = $"1.2.826.0.1.3680043.10.8.{patient}.{study}",
                        SeriesUid = $"1.2.826.0.1.3680043.10.8.{patient}.{study}.1",
                        SopUid = $"1.2.826.0.1.3680043.10.8.{patient}.{study}.1.{instance}",
                        StudyDate = $"2024{1 + (patient % 12):D2}{1 + (patient % 28):D2}",
                        Rows = 8,
                        Columns = 8,
                    };
        var build = Stopwatch.StartNew();
        await Parallel.ForEachAsync(specs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (spec, token) =>
            Assert.True((await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(spec))), token)).IsSuccess));
        var buildSeconds = build.Elapsed.TotalSeconds;
        var counts = await index.CountAsync(CancellationToken.None);

        var query = new QueryService(index);
        var timings = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var identifier = Identifiers.Level("STUDY", (DicomTags.PatientID, DicomVR.LO, $"PID{(i * 37) % 1000:D5}"), (DicomTags.StudyDate, DicomVR.DA, ""), (DicomTags.ModalitiesInStudy, DicomVR.CS, ""), (DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, ""), (DicomTags.StationName, DicomVR.SH, ""));
            Assert.True(ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.StudyRoot, out var parsed, out _));
            var clock = Stopwatch.StartNew();
            var found = 0;
            await foreach (var result in query.FindAsync(parsed!))
            {
                found++;
            }

            timings.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(2, found);
        }

        var wildcard = Stopwatch.StartNew();
        Assert.True(ArchiveQuery.TryFromIdentifier(Identifiers.Level("STUDY", (DicomTags.PatientName, DicomVR.PN, "name0012*")), QueryRoot.StudyRoot, out var byName, out _));
        var named = 0;
        await foreach (var result in query.FindAsync(byName!))
        {
            named++;
        }

        var wildcardMs = wildcard.Elapsed.TotalMilliseconds;
        await index.DisposeAsync();
        timings.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"query: {counts.Instances} instances, {counts.Studies} studies, {counts.Patients} patients (built in {buildSeconds:F1} s, blobs not fsynced); STUDY by PatientID with 5 return keys: median {timings[timings.Count / 2]:F3} ms, p95 {timings[timings.Count * 95 / 100]:F3} ms, first {timings.Max():F1} ms; PatientName 'name0012*' (CI): {named} studies in {wildcardMs:F2} ms");
    }
}
