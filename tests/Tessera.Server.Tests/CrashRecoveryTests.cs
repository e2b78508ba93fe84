using System.Globalization;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Index.Sqlite;
using Tessera.Server.Tests.Support;
using Tessera.Testing;

namespace Tessera.Server.Tests;

/// <summary>
/// A start after a run that did not stop cleanly (its serve.running marker is still there) indexes again the blobs
/// committed since the marker's time (the recovery point) that no index row refers to: rows lost with the index's
/// unsynced WAL tail, or never committed. It looks only at folders changed since then, and deletes nothing it cannot read.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Blobs_without_rows_stored_since_the_recovery_point_are_indexed_again_and_nothing_else_is_touched()
    {
        var data = Directory.CreateTempSubdirectory("tessera-recovery-");
        var scratch = Directory.CreateTempSubdirectory("tessera-recovery-scratch-");
        try
        {
            // Two versions of one instance; the second names another series, so its file is filed under that series'
            // folder while the index keeps the instance under the first (a recovery by folder would take it for an orphan).
            var original = DicomFile.Open(Dcmtk.Corpus("ct_small_evrle.dcm"));
            original.Dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "2.25.55");
            var moved = Path.Combine(scratch.FullName, "moved.dcm");
            DicomFileWriter.Save(moved, original.FileMetaInformation, original.Dataset, original.TransferSyntax);
            foreach (var file in new[] { Dcmtk.Corpus("ct_small_evrle.dcm"), moved })
            {
                await ImportAsync(data.FullName, file);
            }

            var files = Path.Combine(data.FullName, "files");
            var stored = StoredFiles(files);
            Assert.Equal(2, stored.Count);
            var indexed = stored.Single(f => !f.Contains("/2.25.55/", StringComparison.Ordinal));
            var secondVersion = stored.Single(f => f.Contains("/2.25.55/", StringComparison.Ordinal));

            // A blob whose row was lost: another instance of the series, stored by ingest into another data folder and
            // its file copied here under the same name.
            var other = DicomFile.Open(Dcmtk.Corpus("ct_small_evrle.dcm"));
            other.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "2.25.77");
            var otherFile = Path.Combine(scratch.FullName, "other.dcm");
            other.FileMetaInformation.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "2.25.77");
            DicomFileWriter.Save(otherFile, other.FileMetaInformation, other.Dataset, other.TransferSyntax);
            var otherData = Path.Combine(scratch.FullName, "other-data");
            await ImportAsync(otherData, otherFile);
            var otherBlob = Path.GetRelativePath(Path.Combine(otherData, "files"), StoredFiles(Path.Combine(otherData, "files")).Single());
            var lostRow = Path.Combine(files, otherBlob);
            File.Copy(Path.Combine(otherData, "files", otherBlob), lostRow);

            // The crashed run's marker; a file named like a blob that is not DICOM, in a new series; and one in a folder
            // untouched since before the recovery point.
            var marker = Path.Combine(data.FullName, "serve.running");
            await File.WriteAllTextAsync(marker, "1\n");
            var newSeries = Directory.CreateDirectory(Path.Combine(files, "2.25.1", "2.25.2")).FullName;
            var notDicom = Path.Combine(newSeries, "2.25.3.0123456789abcdef.dcm");
            await File.WriteAllBytesAsync(notDicom, new byte[64]);
            var oldFolder = Directory.CreateDirectory(Path.Combine(files, "2.25.8", "2.25.9")).FullName;
            var untouched = Path.Combine(oldFolder, "2.25.10.0123456789abcdef.dcm");
            await File.WriteAllBytesAsync(untouched, new byte[64]);
            Directory.SetLastWriteTimeUtc(oldFolder, DateTime.UtcNow.AddHours(-2));
            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow.AddMinutes(-10));

            // Before the server starts again, the check sees orphans and says what the next start does about them.
            using (var check = ServeProcess.StartVerb(["check", "--direct", "--data", data.FullName]))
            {
                Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(60)), check.Output);
                Assert.True(check.ExitCode == 3, check.Output);
                Assert.Contains("did not stop cleanly (serve.running); its next start indexes again", check.Output, StringComparison.Ordinal);
            }

            using (var serve = ServeProcess.Start(["--data", data.FullName, "--dicom-port", "0"]))
            {
                Assert.True(await serve.WaitReadyAsync(), serve.Output);
                Assert.Contains("of 4 files stored since its last recovery point, 1 had lost their index rows and were indexed again, 0 were duplicates or never accepted and were deleted, 1 could not be read and were left", serve.Output, StringComparison.Ordinal);
                Assert.Equal(0, serve.Signal(15));
                Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), serve.Output);
            }

            Assert.True(File.Exists(lostRow));
            Assert.True(File.Exists(indexed));
            Assert.True(File.Exists(secondVersion), "a version filed under another series than its instance's is not an orphan");
            Assert.True(File.Exists(notDicom), "what cannot be read is left for the check, not deleted");
            Assert.True(File.Exists(untouched), "a folder unchanged since the recovery point is not looked at");
            Assert.False(File.Exists(marker), "a clean stop removes the marker");
            await using var index = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(data.FullName, "index.db")));
            await index.InitializeAsync(CancellationToken.None);
            var recovered = await index.FindInstanceAsync("2.25.77", CancellationToken.None);
            Assert.Equal(otherBlob, recovered?.Location.RelativePath);
        }
        finally
        {
            data.Delete(recursive: true);
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The worst a power loss can do to the server's lazily synced index, and more: every row gone. DCMTK's storescu
    /// stores, the server is killed, the index deleted; at the next start every instance is found again by findscu.
    /// </summary>
    [DcmtkFact]
    public async Task An_index_lost_entirely_after_a_kill_is_rebuilt_from_the_blobs_stored_since_the_run_began()
    {
        const int Count = 40;
        var generated = GeneratedInstances.Write(Count, studies: 2, seriesPerStudy: 2, "tessera-recovery-source-");
        var data = Directory.CreateTempSubdirectory("tessera-recovery-");
        var port = Dcmtk.FreePort();
        var portText = port.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var serve = ServeProcess.Start(["--data", data.FullName, "--dicom-port", portText]))
            {
                Assert.True(await serve.WaitReadyAsync(), serve.Output);
                var (exit, output) = await Dcmtk.RunAsync("storescu", "-aec", "TESSERA", "+sd", "+r", "127.0.0.1", portText, generated.Folder.FullName);
                Assert.True(exit == 0, output);
                serve.KillHard();
            }

            foreach (var file in Directory.GetFiles(data.FullName, "index.db*"))
            {
                File.Delete(file);
            }

            using (var serve = ServeProcess.Start(["--data", data.FullName, "--dicom-port", portText]))
            {
                Assert.True(await serve.WaitReadyAsync(), serve.Output);
                Assert.Contains($"of {Count} files stored since its last recovery point, {Count} had lost their index rows and were indexed again", serve.Output, StringComparison.Ordinal);
                var (exit, output) = await Dcmtk.RunAsync("findscu", "-S", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", portText);
                Assert.True(exit == 0, output);
                var counts = System.Text.RegularExpressions.Regex.Matches(output, @"\(0020,1208\) IS \[([0-9]+)\]").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(2, counts.Count);
                Assert.Equal(Count, counts.Sum());

                Assert.Equal(0, serve.Signal(15));
                Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), serve.Output);
            }
        }
        finally
        {
            data.Delete(recursive: true);
            generated.Folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_recovery_point_moves_forward_while_the_server_runs_and_the_marker_goes_on_a_clean_stop()
    {
        var data = Directory.CreateTempSubdirectory("tessera-recovery-");
        try
        {
            using var serve = ServeProcess.Start(["--data", data.FullName, "--dicom-port", "0"], new Dictionary<string, string> { ["Tessera__RecoveryPointInterval"] = "00:00:00.200" });
            Assert.True(await serve.WaitReadyAsync(), serve.Output);
            var marker = Path.Combine(data.FullName, "serve.running");
            var started = File.GetLastWriteTimeUtc(marker);

            var moved = false;
            for (var waited = System.Diagnostics.Stopwatch.StartNew(); !moved && waited.Elapsed < TimeSpan.FromSeconds(20);)
            {
                await Task.Delay(200);
                moved = File.GetLastWriteTimeUtc(marker) > started.AddMilliseconds(500);
            }

            Assert.True(moved, $"the marker's time stayed {started:O}");
            Assert.Equal(0, serve.Signal(15));
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), serve.Output);
            Assert.False(File.Exists(marker));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task ImportAsync(string data, string file)
    {
        using var import = ServeProcess.StartVerb(["import", "--data", data, file]);
        Assert.True(await import.WaitForExitAsync(TimeSpan.FromSeconds(60)) && import.ExitCode == 0, import.Output);
    }

    private static List<string> StoredFiles(string files) =>
        [.. Directory.GetFiles(files, "*.dcm", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.Combine(files, "tmp"), StringComparison.Ordinal))];
}
