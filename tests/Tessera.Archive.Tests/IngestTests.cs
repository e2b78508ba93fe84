using System.Security.Cryptography;
using Tessera.Archive.Check;
using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;
using Tessera.Archive.Tests.Support;
using Tessera.Dicom.IO;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>The ingest pipeline: what it writes, what it refuses, how it fails.</summary>
public sealed class IngestTests
{
    private static Task<TestArchive> ArchiveAsync(Func<Storage.IBlobStore, Storage.IBlobStore>? wrapBlobs = null, Func<Index.IIndexStore, Index.IIndexStore>? wrapIndex = null) =>
        TestArchive.CreateAsync(folder => new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db"))), null, wrapBlobs, wrapIndex);

    private static readonly Instances.Spec Ct = new();

    /// <summary>A Part 10 file whose data set (Implicit VR: 32-bit lengths) has an Image Type of about <paramref name="length"/> bytes before its SOP Instance UID.</summary>
    private static byte[] LongHeader(int length)
    {
        var dataset = Instances.Dataset(Ct);
        dataset.AddOrUpdate(DicomTags.ImageType, DicomVR.CS, string.Join('\\', Enumerable.Repeat("DERIVED", length / 8)));
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, null, dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
        return stream.ToArray();
    }

    [Fact]
    public async Task The_stored_file_is_Part_10_with_a_meta_built_for_it_and_the_data_set_bytes_unchanged()
    {
        await using var archive = await ArchiveAsync();
        var input = Instances.Part10(Ct);

        var result = await archive.StoreAsync(input);

        var path = Path.Combine(archive.FilesFolder, result.Location!.RelativePath);
        var stored = File.ReadAllBytes(path);
        var file = DicomFile.Open(path);
        Assert.True(file.HasPreamble);
        Assert.Empty(file.Deviations);
        Assert.Equal(Ct.SopUid, file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomFileMetaInformation.ImplementationClassUid, file.FileMetaInformation.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, result.Location.TransferSyntaxUid);
        Assert.Equal(stored.Length, result.Location.Size);
        Assert.Null(result.Location.FileSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored.AsSpan(0, (int)file.DatasetOffset))), result.Location.MetaSha256);
        var inputDataset = input.AsSpan((int)DicomFile.Read(new MemoryStream(input)).DatasetOffset);
        Assert.True(stored.AsSpan((int)file.DatasetOffset).SequenceEqual(inputDataset));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(inputDataset)), result.Location.ContentSha256);
        Assert.StartsWith($"{Ct.StudyUid}/{Ct.SeriesUid}/{Ct.SopUid}.", result.Location.RelativePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.840.10008.1.2.2")]
    [InlineData("1.2.840.10008.1.2.1.99")]
    public async Task A_bare_C_STORE_data_set_gets_file_meta_for_its_transfer_syntax(string syntaxUid)
    {
        await using var archive = await ArchiveAsync();
        var syntax = DicomTransferSyntax.Lookup(syntaxUid);
        var bare = Instances.BareDataset(Ct, syntax);

        var result = await archive.Ingest.IngestAsync(
            IngestRequest.Dataset(new MemoryStream(bare), syntax) with { SourceApplicationEntityTitle = "CT_SCANNER", ExpectedSopClassUid = Ct.SopClassUid, ExpectedSopInstanceUid = Ct.SopUid });

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var file = DicomFile.Open(Path.Combine(archive.FilesFolder, result.Location!.RelativePath));
        Assert.Equal(syntaxUid, file.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal("CT_SCANNER", file.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
        Assert.Equal(Ct.PatientName, file.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal(Instances.Pixels(Ct), file.Dataset[DicomTags.PixelData] is DicomValueElement pixels ? pixels.Value.Load().ToArray() : null);
    }

    [Fact]
    public async Task A_data_set_that_is_not_the_announced_instance_fails_with_A9xx()
    {
        await using var archive = await ArchiveAsync();
        var bare = Instances.BareDataset(Ct, DicomTransferSyntax.ImplicitVRLittleEndian);

        var result = await archive.Ingest.IngestAsync(IngestRequest.Dataset(new MemoryStream(bare), DicomTransferSyntax.ImplicitVRLittleEndian) with { ExpectedSopInstanceUid = "1.2.3.4" });

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Equal(ArchiveStatuses.UidMismatch, result.Status);
        Assert.Equal(0xA901, result.Status!.DimseStatus);
        Assert.Empty(archive.StoredFiles());
        Assert.Empty(archive.TemporaryFiles());
    }

    [Theory]
    [InlineData("../../../../etc/passwd", "sop")]
    [InlineData("1.2.3/../../x", "sop")]
    [InlineData("1.2.3\\..\\x", "study")]
    [InlineData("..", "series")]
    [InlineData("1..2", "study")]
    [InlineData("/tmp/evil", "series")]
    [InlineData("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26.27.28.29", "study")]
    public async Task UIDs_that_could_escape_the_store_are_refused(string uid, string which)
    {
        await using var archive = await ArchiveAsync();
        var spec = which switch
        {
            "sop" => Ct with { SopUid = uid },
            "study" => Ct with { StudyUid = uid },
            _ => Ct with { SeriesUid = uid },
        };

        var result = await archive.StoreAsync(spec);

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Equal(ArchiveStatuses.InvalidUid, result.Status);
        Assert.Empty(archive.StoredFiles());
        Assert.Empty(archive.TemporaryFiles());
        Assert.Equal(["spare", "tmp"], Directory.GetDirectories(archive.FilesFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_data_set_without_Study_Instance_UID_does_not_match_its_SOP_class()
    {
        await using var archive = await ArchiveAsync();
        var dataset = Instances.Dataset(Ct);
        dataset.Remove(DicomTags.StudyInstanceUID);
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, null, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var result = await archive.StoreAsync(stream.ToArray());

        Assert.Equal(ArchiveStatuses.DatasetDoesNotMatchSopClass, result.Status);
        Assert.Equal(0xA900, result.Status!.DimseStatus);
    }

    [Fact]
    public async Task A_header_held_past_several_reads_before_the_SOP_Instance_UID_is_stored_whole()
    {
        // ImageType (0008,0008) comes before (0008,0018): 150 KB of it is held over three 64 KiB reads, growing the array.
        await using var archive = await ArchiveAsync();
        var input = LongHeader(150_000);

        var result = await archive.StoreAsync(input);

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var stored = DicomFile.Open(Path.Combine(archive.FilesFolder, result.Location!.RelativePath));
        var storedBytes = File.ReadAllBytes(Path.Combine(archive.FilesFolder, result.Location.RelativePath));
        Assert.True(storedBytes.AsSpan((int)stored.DatasetOffset).SequenceEqual(input.AsSpan((int)DicomFile.Read(new MemoryStream(input)).DatasetOffset)));
    }

    [Fact]
    public async Task A_SOP_Instance_UID_past_the_header_bound_is_refused_and_nothing_is_kept()
    {
        await using var archive = await TestArchive.CreateAsync(
            folder => new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db"))),
            IngestOptions.Default with { MaxHeaderBytes = 100_000 });

        var result = await archive.StoreAsync(LongHeader(150_000));

        Assert.Equal(ArchiveStatuses.HeaderTooLarge, result.Status);
        Assert.Empty(archive.StoredFiles());
        Assert.Empty(archive.TemporaryFiles());
    }

    [Fact]
    public async Task Text_that_is_not_DICOM_cannot_be_understood()
    {
        await using var archive = await ArchiveAsync();

        var result = await archive.StoreAsync("hello, this is not an image\n"u8.ToArray());

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Equal(0xC000, result.Status!.DimseStatus & 0xF000);
        Assert.Empty(archive.TemporaryFiles());
    }

    [Fact]
    public async Task Native_multi_frame_frames_are_range_reads()
    {
        await using var archive = await ArchiveAsync();
        var spec = Ct with { Frames = 5, Rows = 32, Columns = 24 };

        var result = await archive.StoreAsync(spec);

        var frames = FrameIndex.Decode(result.Location!.Frames.Span);
        Assert.Equal(5, frames.Count);
        var pixels = Instances.Pixels(spec);
        var frameLength = pixels.Length / 5;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(pixels.AsSpan(i * frameLength, frameLength).ToArray(), ReadFrame(archive.Blobs, result.Location.RelativePath, frames, i));
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public async Task Encapsulated_frames_map_to_their_fragments(int fragmentsPerFrame, bool withOffsetTable)
    {
        await using var archive = await ArchiveAsync();
        var spec = Ct with { Frames = 4 };

        var result = await archive.StoreAsync(Instances.Encapsulated(spec, fragmentsPerFrame, withOffsetTable));

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        var frames = FrameIndex.Decode(result.Location!.Frames.Span);
        Assert.Equal(4, frames.Count);
        var pixels = Instances.Pixels(spec);
        var frameLength = pixels.Length / 4;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(fragmentsPerFrame, frames[i].Count);
            Assert.Equal(pixels.AsSpan(i * frameLength, frameLength).ToArray(), ReadFrame(archive.Blobs, result.Location.RelativePath, frames, i));
        }
    }

    [Fact]
    public async Task Several_fragments_per_frame_without_offset_table_are_left_unindexed()
    {
        await using var archive = await ArchiveAsync();

        var result = await archive.StoreAsync(Instances.Encapsulated(Ct with { Frames = 2 }, 3, withOffsetTable: false));

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(0, FrameIndex.Decode(result.Location!.Frames.Span).Count);
    }

    [Fact]
    public async Task Retrieve_opens_a_frame_spread_over_fragments_as_one_stream()
    {
        await using var archive = await ArchiveAsync();
        var spec = Ct with { Frames = 3 };
        await archive.StoreAsync(Instances.Encapsulated(spec, 4, withOffsetTable: true));
        var retrieve = new Retrieve.RetrieveService(archive.Index, archive.Blobs);

        await using var frame = await retrieve.OpenFrameAsync(spec.SopUid, 1);
        using var bytes = new MemoryStream();
        await frame!.CopyToAsync(bytes);

        var pixels = Instances.Pixels(spec);
        Assert.Equal(pixels.AsSpan(pixels.Length / 3, pixels.Length / 3).ToArray(), bytes.ToArray());
        Assert.Null(await retrieve.OpenFrameAsync(spec.SopUid, 3));
        Assert.Null(await retrieve.OpenFrameAsync("1.2.3", 0));
        await using var whole = await retrieve.OpenInstanceAsync(spec.SopUid);
        Assert.Equal(DicomUids.CTImageStorage, DicomFile.Read(whole!).Dataset.GetString(DicomTags.SOPClassUID));
    }

    private static byte[] ReadFrame(IBlobStore blobs, string path, FrameIndex frames, int frame)
    {
        using var output = new MemoryStream();
        foreach (var range in frames[frame])
        {
            using var stream = blobs.OpenRead(path, range.Offset, range.Length);
            stream.CopyTo(output);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task A_full_disk_fails_with_A700_and_leaves_nothing_half_written()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Linux only: /dev/full answers every write with ENOSPC.
        }

        await using var archive = await ArchiveAsync(wrapBlobs: blobs => new FaultyBlobStore(blobs, () => new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1)));

        var result = await archive.StoreAsync(Instances.Part10(Ct with { Rows = 256, Columns = 256 }));

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Equal(ArchiveStatuses.OutOfResources, result.Status);
        Assert.Equal(0xA700, result.Status!.DimseStatus);
        Assert.True(result.Status.Retryable);
        Assert.Empty(archive.StoredFiles());
        Assert.Empty(archive.TemporaryFiles());
        Assert.Null(await archive.Index.FindInstanceAsync(Ct.SopUid, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_rename_leaves_no_index_row_and_no_temporary()
    {
        await using var archive = await ArchiveAsync(wrapBlobs: blobs => new FaultyBlobStore(blobs, failCommit: true));

        var result = await archive.StoreAsync(Ct);

        Assert.Equal(ArchiveStatuses.StorageUnavailable, result.Status);
        Assert.Empty(archive.TemporaryFiles());
        Assert.Null(await archive.Index.FindInstanceAsync(Ct.SopUid, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_index_commit_removes_the_renamed_blob_and_no_row_points_at_a_missing_file()
    {
        await using var archive = await ArchiveAsync(wrapIndex: index => new FailingCommitIndex(index));

        var result = await archive.StoreAsync(Ct);

        Assert.Equal(ArchiveStatuses.IndexUnavailable, result.Status);
        Assert.Empty(archive.StoredFiles());
        var report = await new ArchiveChecker(archive.Index, archive.Blobs).CheckAsync(verifyChecksums: true);
        Assert.True(report.IsConsistent);
    }

    [Fact]
    public async Task A_failed_commit_keeps_the_file_an_earlier_ingest_of_the_same_bytes_committed_under_that_name()
    {
        // Regression: a cancelled import whose commit failed deleted the file a concurrent ingest of the same bytes (same
        // content-derived name) had committed, leaving an index row without its file.
        await using var archive = await ArchiveAsync();
        var first = await archive.StoreAsync(Ct);
        var late = new IngestService(archive.Blobs, new FailingCommitIndex(archive.Index, hideFromLookup: true));

        var second = await late.IngestAsync(IngestRequest.Part10(new MemoryStream(Instances.Part10(Ct), writable: false)));

        Assert.Equal(ArchiveStatuses.IndexUnavailable, second.Status);
        Assert.True(archive.Blobs.Exists(first.Location!.RelativePath));
        var report = await new ArchiveChecker(archive.Index, archive.Blobs).CheckAsync(verifyChecksums: true);
        Assert.True(report.IsConsistent, string.Join(", ", report.Missing.Concat(report.Orphans)));
    }

    [Fact]
    public async Task After_a_kill_the_sweep_removes_temporaries_and_the_check_reports_orphans_missing_and_corrupt_files()
    {
        await using var archive = await ArchiveAsync();
        var kept = await archive.StoreAsync(Ct);
        var lost = await archive.StoreAsync(Ct with { SopUid = Ct.SopUid + ".2" });
        var tampered = await archive.StoreAsync(Ct with { SopUid = Ct.SopUid + ".3" });

        // A kill mid-spool leaves a temporary; a kill between rename and commit, an orphan.
        await File.WriteAllBytesAsync(Path.Combine(archive.FilesFolder, "tmp", "0123456789abcdef.tmp"), new byte[1000]);
        Directory.CreateDirectory(Path.Combine(archive.FilesFolder, "1.2.3", "1.2.3.4"));
        await File.WriteAllBytesAsync(Path.Combine(archive.FilesFolder, "1.2.3", "1.2.3.4", "1.2.3.4.5.0123456789abcdef.dcm"), Instances.Part10(Ct with { SopUid = "1.2.3.4.5" }));
        File.Delete(Path.Combine(archive.FilesFolder, lost.Location!.RelativePath));
        await using (var stream = new FileStream(Path.Combine(archive.FilesFolder, tampered.Location!.RelativePath), FileMode.Open, FileAccess.Write))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x5A);
        }

        var report = await new ArchiveChecker(archive.Index, archive.Blobs).CheckAsync(verifyChecksums: true);

        Assert.Equal(1, report.TemporariesSwept);
        Assert.Empty(archive.TemporaryFiles());
        Assert.Equal(3, report.Versions);
        Assert.Equal([lost.Location.RelativePath], report.Missing);
        Assert.Equal(["1.2.3/1.2.3.4/1.2.3.4.5.0123456789abcdef.dcm"], report.Orphans);
        Assert.Equal([tampered.Location.RelativePath], report.Corrupt);
        Assert.DoesNotContain(kept.Location!.RelativePath, report.Corrupt);
        Assert.False(report.IsConsistent);
    }

    [Fact]
    public void Every_catalogue_entry_has_a_unique_code_and_an_Error_Comment_that_fits_LO()
    {
        Assert.Equal(ArchiveStatuses.All.Count, ArchiveStatuses.All.Select(s => s.Code).Distinct().Count());
        Assert.All(ArchiveStatuses.All, s => Assert.InRange(s.Message.Length, 1, 64));
        Assert.True(ArchiveStatuses.IsDiskFull(new IOException("full", 28)));
        Assert.True(ArchiveStatuses.IsDiskFull(new IOException("full", unchecked((int)0x80070070))));
        Assert.False(ArchiveStatuses.IsDiskFull(new IOException("other", 5)));
    }

    [Fact]
    public void Frame_index_encoding_round_trips()
    {
        var frames = new FrameIndex(
        [
            [new ByteRange(1000, 512)],
            [new ByteRange(1520, 100), new ByteRange(1628, 4_000_000_000)],
            [new ByteRange(12, 4)],
        ]);

        var decoded = FrameIndex.Decode(frames.Encode());

        Assert.Equal(3, decoded.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(frames[i], decoded[i]);
        }
    }
}
