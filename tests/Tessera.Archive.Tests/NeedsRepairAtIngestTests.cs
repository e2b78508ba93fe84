using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Dicom.IO;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// <see cref="BlobLocation.NeedsRepair"/> is decided at ingest, so a C-MOVE/C-GET of a clean instance reads no header: for
/// every corpus file it agrees with what the toolkit's reader finds reading the stored file whole, and it is stored in and
/// read back from the index.
/// </summary>
public sealed class NeedsRepairAtIngestTests
{
    [Fact]
    public async Task The_flag_agrees_with_a_full_read_of_every_stored_corpus_file()
    {
        await using var archive = await TestArchive.CreateAsync(folder => new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db"))));
        var (clean, repaired, undetermined) = (0, 0, 0);
        foreach (var name in Corpus.Files)
        {
            IngestResult result;
            await using (var stream = File.OpenRead(Corpus.PathOf(name)))
            {
                result = await archive.Ingest.IngestAsync(IngestRequest.Part10(stream) with { Description = name });
            }

            if (!result.IsSuccess || result.Outcome == IngestOutcome.Duplicate)
            {
                continue;
            }

            var stored = DicomFile.Open(Path.Combine(archive.FilesFolder, result.Location!.RelativePath), new DicomReadOptions { BulkDataThreshold = 0 });
            var deviations = stored.Deviations.Where(d => d.Tag is { Group: not 0x0002 } || (d.Tag is null && d.Offset >= stored.DatasetOffset)).ToList();
            var indexed = await archive.Index.FindInstanceAsync(result.SopInstanceUid!, CancellationToken.None);
            Assert.Equal(result.Location.NeedsRepair, indexed!.Location.NeedsRepair);
            switch (result.Location.NeedsRepair)
            {
                case null:
                    undetermined++;
                    break;
                case true:
                    Assert.True(deviations.Count > 0, $"{name}: flagged for repair, but a full read finds no deviation ({string.Join("; ", stored.Deviations.Select(d => $"{d.Offset} {d.Tag} {d.Message}"))})");
                    repaired++;
                    break;
                case false:
                    Assert.True(deviations.Count == 0, $"{name}: not flagged, but a full read finds {string.Join("; ", deviations.Select(d => d.Message))}");
                    clean++;
                    break;
            }
        }

        // The corpus holds both kinds (its odd-length files, README "needs repair"); most files are decided at ingest.
        Assert.True(repaired >= 3, $"{repaired} flagged for repair");
        Assert.True(clean > 60, $"{clean} clean");
        Assert.True(undetermined < clean / 4, $"{undetermined} undetermined against {clean} clean");
    }
}
