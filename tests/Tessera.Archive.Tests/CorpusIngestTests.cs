using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Dicom.IO;
using Tessera.Dicom.Values;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// Every corpus file through the ingest pipeline: what the toolkit reads and carries the four UIDs is
/// stored (re-encodings of one instance become versions: the corpus README lists those shared SOP
/// Instance UIDs); the rest fails with a catalogue status, never an internal error.
/// </summary>
public sealed class CorpusIngestTests
{
    [Fact]
    public async Task Every_readable_corpus_file_is_stored_with_a_correct_frame_index()
    {
        await using var archive = await TestArchive.CreateAsync(folder => new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db"))));
        var successes = 0;
        var bySop = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in Corpus.Files)
        {
            var path = Corpus.PathOf(name);
            var storable = Storable(path, out var original);
            IngestResult result;
            await using (var stream = File.OpenRead(path))
            {
                result = await archive.Ingest.IngestAsync(IngestRequest.Part10(stream) with { Description = name });
            }

            Assert.NotEqual(ArchiveStatuses.InternalError, result.Status);
            if (!storable)
            {
                Assert.False(result.IsSuccess, $"{name}: stored although the toolkit cannot read it or it lacks a UID");
                continue;
            }

            Assert.True(result.IsSuccess, $"{name}: {result}");
            successes++;
            bySop[result.SopInstanceUid!] = bySop.GetValueOrDefault(result.SopInstanceUid!) + 1;
            if (result.Outcome == IngestOutcome.Duplicate)
            {
                continue;
            }

            var storedPath = Path.Combine(archive.FilesFolder, result.Location!.RelativePath);
            var stored = DicomFile.Open(storedPath, new DicomReadOptions { BulkDataThreshold = 0 });
            Assert.True(stored.HasPreamble);
            Assert.Equal(result.Location.TransferSyntaxUid, stored.TransferSyntax.Uid);
            Assert.Equal(original!.Dataset.Select(e => e.Tag), stored.Dataset.Select(e => e.Tag));
            CheckFrames(name, stored, FrameIndex.Decode(result.Location.Frames.Span));
        }

        Assert.True(successes > 80, $"only {successes} corpus files stored");
        var counts = await archive.Index.CountAsync(CancellationToken.None);
        Assert.Equal(bySop.Count, counts.Instances);
        Assert.True(archive.TemporaryFiles().Length == 0);
    }

    /// <summary>The toolkit reads it and it has SOP Class, SOP Instance, Study and Series UIDs that can name a path.</summary>
    private static bool Storable(string path, out DicomFile? file)
    {
        try
        {
            file = DicomFile.Open(path, new DicomReadOptions { BulkDataThreshold = 0 });
        }
        catch (DicomException)
        {
            file = null;
            return false;
        }

        var dataset = file.Dataset;
        return new[] { DicomTags.SOPClassUID, DicomTags.SOPInstanceUID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID }
            .All(tag => StoragePaths.IsSafeUid(dataset.GetString(tag)));
    }

    /// <summary>Every recorded range is exactly a native frame or an encapsulated fragment value as the reader finds them.</summary>
    private static void CheckFrames(string name, DicomFile stored, FrameIndex frames)
    {
        if (frames.Count == 0)
        {
            return;
        }

        switch (stored.Dataset[DicomTags.PixelData] ?? stored.Dataset[DicomTags.FloatPixelData])
        {
            case DicomValueElement { Value.BulkData: { } bulk } native:
                var frameLength = frames.FrameLength(0);
                for (var i = 0; i < frames.Count; i++)
                {
                    Assert.Equal(new ByteRange(bulk.Offset + (i * frameLength), frameLength), Assert.Single(frames[i]));
                }

                Assert.True(frameLength * frames.Count <= native.Length, name);
                break;
            case DicomFragmentSequence fragments:
                var values = fragments.Fragments.Where(f => f.IsBulkData).Select(f => new ByteRange(f.BulkData!.Offset, f.Length)).ToHashSet();
                var recorded = Enumerable.Range(0, frames.Count).SelectMany(i => frames[i]).ToList();
                Assert.All(recorded, range => Assert.Contains(range, values));
                Assert.Equal(recorded.Count, recorded.Distinct().Count());
                break;
            default:
                Assert.Fail($"{name}: frames recorded but no pixel data");
                break;
        }
    }
}
