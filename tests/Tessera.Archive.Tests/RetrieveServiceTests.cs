using Tessera.Archive.Retrieve;
using Tessera.Archive.Tests.Support;
using Tessera.Dicom.IO;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>The stored blob as a C-MOVE/C-GET sub-operation reads it: its header, with large values left in the blob.</summary>
public sealed class RetrieveServiceTests
{
    private static Task<TestArchive> ArchiveAsync() =>
        TestArchive.CreateAsync(folder => new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db"))));

    /// <summary>
    /// dx_mono1's odd-length Pixel Data (PS3.5 7.1) is stored as received, and reading the blob's header through
    /// <see cref="RetrieveService.Part10"/> finds it: the sender then re-encodes the instance with padding.
    /// </summary>
    [Fact]
    public async Task Part10_of_a_stored_instance_shows_the_deviations_it_was_stored_with()
    {
        await using var archive = await ArchiveAsync();
        await archive.StoreAsync(await File.ReadAllBytesAsync(Corpus.PathOf("dx_mono1.dcm")));
        var retrieve = new RetrieveService(archive.Index, archive.Blobs);
        var instance = Assert.Single(await retrieve.ListAsync(null).ToListAsync());

        var header = await DicomFile.OpenAsync(retrieve.Part10(instance));

        Assert.Contains(header.Deviations, d => d.Tag == DicomTags.PixelData);
        Assert.Equal(instance.SopInstanceUid, header.Dataset.GetString(DicomTags.SOPInstanceUID));
    }

    /// <summary>A value over the 64 KiB bulk threshold (us_pal16's 800 KiB Pixel Data) is skipped, left in the blob as a reference.</summary>
    [Fact]
    public async Task Part10_leaves_large_values_in_the_blob()
    {
        await using var archive = await ArchiveAsync();
        await archive.StoreAsync(await File.ReadAllBytesAsync(Corpus.PathOf("us_pal16_ivrle.dcm")));
        var retrieve = new RetrieveService(archive.Index, archive.Blobs);
        var instance = Assert.Single(await retrieve.ListAsync(null).ToListAsync());
        var source = retrieve.Part10(instance);

        var header = await DicomFile.OpenAsync(source);

        var pixels = Assert.IsType<DicomValueElement>(header.Dataset[DicomTags.PixelData]);
        Assert.True(pixels.Value.IsBulkData);
        Assert.Same(source, pixels.Value.BulkData!.Source);
        Assert.Empty(header.Deviations);
        Assert.Equal(instance.Location.RelativePath, source.Description);
    }
}
