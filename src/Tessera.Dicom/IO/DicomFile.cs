namespace Tessera.Dicom.IO;

/// <summary>
/// A DICOM file (PS3.10 7): preamble, File Meta Information and the data set in its transfer syntax.
/// Reading is lenient (STYLE 11): files without preamble or meta, with a wrong group length or a
/// missing transfer syntax are read and the deviations listed.
/// </summary>
public sealed partial class DicomFile
{
    private DicomFile(
        DicomDataset fileMetaInformation,
        DicomDataset dataset,
        DicomTransferSyntax transferSyntax,
        IReadOnlyList<DicomDeviation> deviations,
        bool hasPreamble,
        long datasetOffset)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        Deviations = deviations;
        HasPreamble = hasPreamble;
        DatasetOffset = datasetOffset;
    }

    /// <summary>Group 0002 (PS3.10 7.1); empty when the file had none.</summary>
    public DicomDataset FileMetaInformation { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the data set was read with (from the meta, or sniffed when it had none).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>What the reader accepted although PS3.5/PS3.10 do not allow it.</summary>
    public IReadOnlyList<DicomDeviation> Deviations { get; }

    /// <summary>The file began with the 128-byte preamble and "DICM" (PS3.10 7.1).</summary>
    public bool HasPreamble { get; }

    /// <summary>Offset in the file of the data set's first byte (for deflated files, of the compressed stream).</summary>
    public long DatasetOffset { get; }

    /// <summary>
    /// Opens a file, leaving values over <see cref="DicomReadOptions.BulkDataThreshold"/> in the file
    /// as bulk references (the file must stay in place while they are used).
    /// </summary>
    /// <exception cref="DicomException">The file is not a readable DICOM file.</exception>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return DicomPart10Reader.ReadAsync(stream, options, new FileBulkDataSource(path), useAsync: false, CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Open"/>
    public static async Task<DicomFile> OpenAsync(string path, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await DicomPart10Reader.ReadAsync(stream, options, new FileBulkDataSource(path), useAsync: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a file from a stream positioned at its start (seekable or not). Values are kept in
    /// memory, up to <see cref="DicomReadOptions.MaxInMemoryValueLength"/> each, since a stream
    /// cannot be reopened for bulk data. The stream is not disposed.
    /// </summary>
    /// <exception cref="DicomException">The stream does not hold a readable DICOM file.</exception>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DicomPart10Reader.ReadAsync(stream, options, null, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Read"/>
    public static Task<DicomFile> ReadAsync(Stream stream, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DicomPart10Reader.ReadAsync(stream, options, null, useAsync: true, cancellationToken).AsTask();
    }

    internal static DicomFile Create(
        DicomDataset fileMetaInformation,
        DicomDataset dataset,
        DicomTransferSyntax transferSyntax,
        IReadOnlyList<DicomDeviation> deviations,
        bool hasPreamble,
        long datasetOffset) =>
        new(fileMetaInformation, dataset, transferSyntax, deviations, hasPreamble, datasetOffset);
}
