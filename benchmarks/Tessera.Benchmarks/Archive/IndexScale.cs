using System.Diagnostics;
using Tessera.Archive.Index;
using Tessera.Archive.Query;
using Tessera.Dicom;
using Tessera.Index.Sqlite;

namespace Tessera.Benchmarks.Archive;

/// <summary>
/// Builds an index of N synthetic instances through the index writer (IIndexStore.CommitAsync, as
/// ingest does; never raw SQL), with <see cref="InFlight"/> commits outstanding as many concurrent
/// associations would have, and times study-level C-FIND through QueryService at 10k and at N.
/// </summary>
internal static class IndexScale
{
    /// <summary>Commits outstanding at once: 64, a busy site's associations plus import -j.</summary>
    private const int InFlight = 64;
    private const int Window = 10_000;

    public static async Task RunAsync(string folder, long count, SqliteIndexOptions options, ResultTable table)
    {
        var database = Path.Combine(folder, "index.db");
        var studies = new SyntheticStudies();
        table.Add("attribute_blob_bytes", studies.AttributeBytes, "B", "per instance: the CT header kept for return keys (ct_small_evrle.dcm)");
        var index = new SqliteIndexStore(options with { DatabasePath = database });
        await index.InitializeAsync(CancellationToken.None);
        var before = ProcessIo.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var first = await IngestAsync(index, studies, 0, Math.Min(count, Window));
        table.Add("index_ingest_rate_first_10k", Window / first.Elapsed.TotalSeconds, "instances/s", $"instances 0-{Window}, {InFlight} commits in flight, synchronous=FULL");
        await QueryAsync(index, Math.Min(count, Window), "10k", table);

        if (count > Window)
        {
            var rest = await IngestAsync(index, studies, Window, count);
            table.Add("index_ingest_rate_last_10k", Window / rest.LastWindow.TotalSeconds, "instances/s", $"instances {count - Window}-{count}");
            table.Add("index_ingest_rate_overall", count / (first.Elapsed + rest.Elapsed).TotalSeconds, "instances/s", $"all {count}");
        }

        var counts = await index.CountAsync(CancellationToken.None);
        table.Add("index_instances", counts.Instances, "instances", $"{counts.Patients} patients, {counts.Studies} studies, {counts.Series} series");
        await QueryAsync(index, count, count.ToString(System.Globalization.CultureInfo.InvariantCulture), table);
        var closeClock = Stopwatch.StartNew();
        await index.DisposeAsync();
        var io = ProcessIo.Now() - before;
        table.Add("index_close_seconds", closeClock.Elapsed.TotalSeconds, "s", "last checkpoint of the WAL at close");
        var size = new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        table.Add("index_bytes_per_instance", (double)size / count, "B", $"database size {size / 1e6:F0} MB after close");
        table.Add("index_device_writes_per_instance", (double)io.DeviceWrites / count, "B", "write_bytes (/proc/self/io) during build and queries, WAL + checkpoints; no DICOM files written in this mode");
        table.Add("index_write_calls_per_instance", (double)io.WriteCalls / count, "B", "wchar (/proc/self/io): bytes passed to write(2)");
        table.Add("index_cpu_per_instance", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count, "us", "process CPU time (user+sys) over build and queries, entry generation included: the figure the shared machine's load distorts least");
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan LastWindow)> IngestAsync(IIndexStore index, SyntheticStudies studies, long from, long to)
    {
        long next = from - 1;
        long done = 0;
        var total = to - from;
        var clock = Stopwatch.StartNew();
        var windowStart = TimeSpan.Zero;
        var lastProgress = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            long number;
            while ((number = Interlocked.Increment(ref next)) < to)
            {
                var result = await index.CommitAsync(studies.Entry(number), DuplicatePolicy.KeepBoth, CancellationToken.None);
                if (result.Outcome != IndexCommitOutcome.Stored)
                {
                    throw new InvalidOperationException($"instance {number}: {result.Outcome}");
                }

                var finished = Interlocked.Increment(ref done);
                if (finished == total - Window)
                {
                    windowStart = clock.Elapsed;
                }

                if (finished % 100_000 == 0)
                {
                    Console.Error.WriteLine($"  {from + finished} instances, {finished / clock.Elapsed.TotalSeconds:F0}/s");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (clock.Elapsed, clock.Elapsed - windowStart);
    }

    private static async Task QueryAsync(IIndexStore index, long count, string at, ResultTable table)
    {
        var patients = (int)Math.Max(1, count / SyntheticStudies.InstancesPerPatient);
        var service = new QueryService(index);
        var random = new Random(42);
        var byId = new List<double>();
        var byName = new List<double>();
        var named = 0;
        for (var i = 0; i < 220; i++)
        {
            var patient = random.Next(patients);
            var found = await TimeAsync(service, Identifier((DicomTags.PatientID, DicomVR.LO, SyntheticStudies.PatientId(patient))), i < 20 ? null : byId);
            if (found != SyntheticStudies.StudiesPerPatient)
            {
                throw new InvalidOperationException($"PatientID {SyntheticStudies.PatientId(patient)}: {found} studies");
            }

            var prefix = SyntheticStudies.PatientName(random.Next(patients))[..3];
            named += await TimeAsync(service, Identifier((DicomTags.PatientName, DicomVR.PN, prefix + "*")), i < 20 ? null : byName);
        }

        byId.Sort();
        byName.Sort();
        table.Add($"cfind_patientid_p50_at_{at}", ResultTable.Percentile(byId, 0.5), "ms", "STUDY level, Study Root, 5 return keys incl. ModalitiesInStudy and NumberOfStudyRelatedInstances; 200 queries after 20 warm-up");
        table.Add($"cfind_patientid_p95_at_{at}", ResultTable.Percentile(byId, 0.95), "ms", string.Empty);
        table.Add($"cfind_patientname_wildcard_p50_at_{at}", ResultTable.Percentile(byName, 0.5), "ms", $"PatientName 'Abc*' (3-letter prefix of an existing name, case-insensitive), avg {named / 220.0:F1} studies per answer");
        table.Add($"cfind_patientname_wildcard_p95_at_{at}", ResultTable.Percentile(byName, 0.95), "ms", string.Empty);
    }

    private static DicomDataset Identifier((DicomTag Tag, DicomVR VR, string Value) key)
    {
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        identifier.AddOrUpdate(key.Tag, key.VR, key.Value);
        identifier.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, string.Empty);
        identifier.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, string.Empty);
        identifier.AddOrUpdate(DicomTags.ModalitiesInStudy, DicomVR.CS, string.Empty);
        identifier.AddOrUpdate(DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, string.Empty);
        identifier.AddOrUpdate(DicomTags.StationName, DicomVR.SH, string.Empty);
        return identifier;
    }

    private static async Task<int> TimeAsync(QueryService service, DicomDataset identifier, List<double>? timings)
    {
        if (!ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.StudyRoot, out var query, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var clock = Stopwatch.StartNew();
        var found = 0;
        await foreach (var match in service.FindAsync(query!))
        {
            found++;
        }

        timings?.Add(clock.Elapsed.TotalMilliseconds);
        return found;
    }
}
