using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Server.Tests.Support;
using Tessera.Testing;

namespace Tessera.Server.Tests;

/// <summary>
/// A start after a run that did not stop cleanly (its serve.running marker is still there) deletes the blobs committed
/// since that run started that no index row refers to, looking only at folders changed since then, and nothing else.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Orphans_committed_during_the_crashed_run_are_deleted_and_indexed_files_kept()
    {
        var data = Directory.CreateTempSubdirectory("tessera-recovery-");
        try
        {
            // Two versions of one instance; the second names another series, so its file is filed under that series'
            // folder while the index keeps the instance under the first (a recovery by folder would take it for an orphan).
            var original = DicomFile.Open(Dcmtk.Corpus("ct_small_evrle.dcm"));
            original.Dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "2.25.55");
            var moved = Path.Combine(data.FullName, "moved.dcm");
            DicomFileWriter.Save(moved, original.FileMetaInformation, original.Dataset, original.TransferSyntax);
            foreach (var file in new[] { Dcmtk.Corpus("ct_small_evrle.dcm"), moved })
            {
                using var import = ServeProcess.StartVerb(["import", "--data", data.FullName, file]);
                Assert.True(await import.WaitForExitAsync(TimeSpan.FromSeconds(60)) && import.ExitCode == 0, import.Output);
            }

            var files = Path.Combine(data.FullName, "files");
            var stored = Directory.GetFiles(files, "*.dcm", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.Combine(files, "tmp"), StringComparison.Ordinal)).ToList();
            Assert.Equal(2, stored.Count);
            var indexed = stored.Single(f => !f.Contains("/2.25.55/", StringComparison.Ordinal));
            var secondVersion = stored.Single(f => f.Contains("/2.25.55/", StringComparison.Ordinal));

            // The crashed run: its marker, then a blob renamed into a series folder whose index commit never happened
            // (beside the indexed one, and in a new series), and one in a folder untouched since before it started.
            var marker = Path.Combine(data.FullName, "serve.running");
            await File.WriteAllTextAsync(marker, "1\n");
            var seriesFolder = Path.GetDirectoryName(indexed)!;
            var besideIndexed = Path.Combine(seriesFolder, "2.25.7.0123456789abcdef.dcm");
            var newSeries = Directory.CreateDirectory(Path.Combine(files, "2.25.1", "2.25.2")).FullName;
            var inNewSeries = Path.Combine(newSeries, "2.25.3.0123456789abcdef.dcm");
            await File.WriteAllBytesAsync(besideIndexed, new byte[64]);
            await File.WriteAllBytesAsync(inNewSeries, new byte[64]);
            var oldFolder = Directory.CreateDirectory(Path.Combine(files, "2.25.8", "2.25.9")).FullName;
            var untouched = Path.Combine(oldFolder, "2.25.10.0123456789abcdef.dcm");
            await File.WriteAllBytesAsync(untouched, new byte[64]);
            Directory.SetLastWriteTimeUtc(oldFolder, DateTime.UtcNow.AddHours(-2));
            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow.AddMinutes(-10));

            using var serve = ServeProcess.Start(["--data", data.FullName, "--dicom-port", "0"]);
            Assert.True(await serve.WaitReadyAsync(), serve.Output);

            Assert.False(File.Exists(besideIndexed), serve.Output);
            Assert.False(File.Exists(inNewSeries), serve.Output);
            Assert.True(File.Exists(indexed));
            Assert.True(File.Exists(secondVersion), "a version filed under another series than its instance's is not an orphan");
            Assert.True(File.Exists(untouched), "a folder unchanged since the crashed run started is not looked at");
            Assert.Contains("of 4 files stored since it started, deleted 2 that no index row refers to", serve.Output, StringComparison.Ordinal);
            Assert.Equal(0, serve.Signal(15));
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), serve.Output);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
