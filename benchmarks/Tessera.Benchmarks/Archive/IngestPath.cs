using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tessera.Archive.Ingest;
using Tessera.Blobs.FileSystem;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Index.Sqlite;

namespace Tessera.Benchmarks.Archive;

/// <summary>
/// The real ingest path, as C-STORE drives it minus the network: IngestService with the durable
/// file store and the SQLite index, CT 512x512 16-bit instances (BenchmarkFiles.WriteCt512) fed
/// from memory, 1 and 4 at a time. Reports instances/s, where the time goes (spans of the blob
/// commit and index calls; the rest is spooling: parse, write, SHA-256) and bytes written beyond
/// the DICOM files.
/// </summary>
internal static class IngestPath
{
    /// <summary>SOP Instance UID of the template, its last 9 digits patched per instance.</summary>
    private const string TemplateUid = "1.2.826.0.1.3680043.10.543.77.000000000";

    public static async Task RunAsync(string folder, int count, SqliteIndexOptions options, ResultTable table)
    {
        var template = Template(Path.Combine(folder, "ct512.dcm"));
        var uid = Encoding.ASCII.GetBytes(TemplateUid);
        int[] uidAt = [template.AsSpan().IndexOf(uid) + uid.Length - 9, template.AsSpan().LastIndexOf(uid) + uid.Length - 9]; // meta and data set
        foreach (var parallel in new[] { 1, 4 })
        {
            var run = Path.Combine(folder, $"ingest-{parallel}");
            var spans = new Spans();
            var index = new SqliteIndexStore(options with { DatabasePath = Path.Combine(run, "index.db") });
            Directory.CreateDirectory(run);
            await index.InitializeAsync(CancellationToken.None);
            var blobs = new FileSystemBlobStore(new FileSystemBlobStoreOptions(Path.Combine(run, "files")));
            var ingest = new IngestService(new TimedBlobStore(blobs, spans), new TimedIndexStore(index, spans));

            // Warm-up (JIT, first directories) outside the measurement.
            await IngestOneAsync(ingest, (byte[])template.Clone(), uidAt, 999_999_999 - parallel, spans);
            spans = new Spans();
            ingest = new IngestService(new TimedBlobStore(blobs, spans), new TimedIndexStore(index, spans));

            var next = -1;
            long dicomBytes = 0;
            var before = ProcessIo.Now();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
            {
                var buffer = (byte[])template.Clone();
                int number;
                while ((number = Interlocked.Increment(ref next)) < count)
                {
                    Interlocked.Add(ref dicomBytes, await IngestOneAsync(ingest, buffer, uidAt, (parallel * 1_000_000) + number, spans));
                }
            })));
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuPerInstance = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
            await index.DisposeAsync();
            var io = ProcessIo.Now() - before;
            var note = string.Create(CultureInfo.InvariantCulture, $"{count} CT 512x512 ({template.Length / 1024} KiB), {parallel} concurrent, IngestService + FileSystemBlobStore (fsync) + SQLite (synchronous=FULL)");
            table.Add($"ingest_rate_{parallel}", count / seconds, "instances/s", note);
            foreach (var span in new[] { "blob_create", "blob_hash", "blob_commit", "index_lookup", "index_commit", "total" })
            {
                table.Add($"ingest_{parallel}_span_{span}", spans.Milliseconds(span) / count, "ms/instance", span switch
                {
                    "blob_hash" => "SHA-256 of the meta and of the data set, one read back while the fsync runs",
                    "blob_commit" => "what is left of the fsync, rename, fsync directory",
                    "index_commit" => "queue wait + transaction + WAL fsync (group commit)",
                    "total" => "IngestAsync wall time per call; the rest of it is spooling: parse, write",
                    _ => string.Empty,
                });
            }

            table.Add($"ingest_{parallel}_cpu_per_instance", cpuPerInstance, "us", "process CPU time (user+sys)");
            table.Add($"ingest_{parallel}_bytes_written_beyond_dicom", (double)(io.DeviceWrites - dicomBytes) / count, "B/instance", "write_bytes (/proc/self/io) minus the stored files' sizes, index WAL and checkpoints included (close included)");
            table.Add($"ingest_{parallel}_write_calls_beyond_dicom", (double)(io.WriteCalls - dicomBytes) / count, "B/instance", "wchar minus the stored files' sizes");
        }
    }

    private static async Task<long> IngestOneAsync(IngestService ingest, byte[] buffer, int[] uidAt, int number, Spans spans)
    {
        foreach (var at in uidAt)
        {
            Encoding.ASCII.GetBytes(number.ToString("D9", CultureInfo.InvariantCulture), buffer.AsSpan(at, 9));
        }

        var start = Stopwatch.GetTimestamp();
        var result = await ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(buffer, writable: false)));
        spans.Add("total", start);
        if (result.Outcome != IngestOutcome.Stored)
        {
            throw new InvalidOperationException($"ingest {number}: {result.Outcome} {result.Status?.Code} {result.Detail}");
        }

        return result.Location!.Size;
    }

    /// <summary>The 512x512 CT with a fixed-length SOP Instance UID, so the digits can be patched in place.</summary>
    private static byte[] Template(string path)
    {
        BenchmarkFiles.WriteCt512(path);
        var file = DicomFile.Open(path);
        file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, TemplateUid);
        using var output = new MemoryStream();
        DicomFileWriter.Write(output, null, file.Dataset, file.TransferSyntax);
        return output.ToArray();
    }
}
