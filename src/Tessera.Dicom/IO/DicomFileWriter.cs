namespace Tessera.Dicom.IO;

/// <summary>
/// Writes DICOM Part 10 files (PS3.10 7.1): 128-byte preamble, "DICM", File Meta Information in
/// Explicit VR Little Endian, then the dataset in the transfer syntax named in the meta.
/// </summary>
public static class DicomFileWriter
{
    /// <summary>
    /// Writes a Part 10 file to <paramref name="stream"/> (left open). The meta is built by
    /// <see cref="DicomFileMetaInformation.Create(DicomDataset?, DicomDataset, DicomTransferSyntax, string?)"/>
    /// from <paramref name="fileMeta"/> (the meta read with the dataset, or null) and the dataset.
    /// </summary>
    public static void Write(Stream stream, DicomDataset? fileMeta, DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null)
    {
        var task = WriteCoreAsync(stream, fileMeta, dataset, transferSyntax, options, sync: true, CancellationToken.None);
        System.Diagnostics.Debug.Assert(task.IsCompleted, "synchronous write completed synchronously");
        task.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Write"/>
    public static Task WriteAsync(
        Stream stream,
        DicomDataset? fileMeta,
        DicomDataset dataset,
        DicomTransferSyntax transferSyntax,
        DicomWriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        WriteCoreAsync(stream, fileMeta, dataset, transferSyntax, options, sync: false, cancellationToken).AsTask();

    /// <summary>
    /// Saves a Part 10 file at <paramref name="path"/>: written to a temporary file beside it, then
    /// renamed over it, so a failed write never leaves a half file and a dataset whose bulk data
    /// references the very file being replaced still reads its source while writing. Not fsynced:
    /// durability is the blob store's business (STYLE 9).
    /// </summary>
    public static void Save(string path, DicomDataset? fileMeta, DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null)
    {
        var temporary = TemporaryPath(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                Write(stream, fileMeta, dataset, transferSyntax, options);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <inheritdoc cref="Save"/>
    public static async Task SaveAsync(
        string path,
        DicomDataset? fileMeta,
        DicomDataset dataset,
        DicomTransferSyntax transferSyntax,
        DicomWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var temporary = TemporaryPath(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await WriteAsync(stream, fileMeta, dataset, transferSyntax, options, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string TemporaryPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    private static async ValueTask WriteCoreAsync(
        Stream stream,
        DicomDataset? fileMeta,
        DicomDataset dataset,
        DicomTransferSyntax transferSyntax,
        DicomWriteOptions? options,
        bool sync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        var writer = new DicomWriter(transferSyntax, options);
        var meta = DicomFileMetaInformation.Create(fileMeta, dataset, transferSyntax);
        using (var output = new DicomOutputBuffer(stream, bigEndian: false, writer.Options.BufferSize, sync, cancellationToken))
        {
            await output.FillAsync(0, DicomFileMetaInformation.PreambleLength).ConfigureAwait(false);
            await output.EnsureAsync(4).ConfigureAwait(false);
            output.Bytes((byte)'D', (byte)'I');
            output.Bytes((byte)'C', (byte)'M');
            var encoder = new DicomDatasetEncoder(DicomEncoding.ExplicitVRLittleEndian, DicomFileMetaInformation.MetaOptions);
            await encoder.WriteMetaAsync(output, meta).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }

        await writer.WriteCoreAsync(stream, dataset, sync, cancellationToken).ConfigureAwait(false);
    }
}
