namespace Tessera.Dicom.IO;

/// <summary>Saving: a thin layer over <see cref="DicomFileWriter"/> that knows where the file came from.</summary>
public sealed partial class DicomFile
{
    /// <summary>
    /// Saves the file at <paramref name="path"/> in <paramref name="transferSyntax"/> (default: the
    /// syntax it was read with). Safe to call with the path the file was opened from: the new file
    /// is written beside it and renamed over it, so bulk data is still read from the old one.
    /// </summary>
    public void Save(string path, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null) =>
        DicomFileWriter.Save(path, FileMetaInformation, Dataset, transferSyntax ?? TransferSyntax, WriteOptions(options));

    /// <inheritdoc cref="Save"/>
    public Task SaveAsync(string path, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        DicomFileWriter.SaveAsync(path, FileMetaInformation, Dataset, transferSyntax ?? TransferSyntax, WriteOptions(options), cancellationToken);

    /// <summary>Writes the file as Part 10 to <paramref name="stream"/> (left open).</summary>
    public void Write(Stream stream, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null) =>
        DicomFileWriter.Write(stream, FileMetaInformation, Dataset, transferSyntax ?? TransferSyntax, WriteOptions(options));

    /// <inheritdoc cref="Write"/>
    public Task WriteAsync(Stream stream, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        DicomFileWriter.WriteAsync(stream, FileMetaInformation, Dataset, transferSyntax ?? TransferSyntax, WriteOptions(options), cancellationToken);

    /// <summary>UN values read from a big-endian file are big endian and cannot be reinterpreted (the reader swaps only known VRs).</summary>
    private DicomWriteOptions WriteOptions(DicomWriteOptions? options)
    {
        options ??= DicomWriteOptions.Default;
        return TransferSyntax.IsBigEndian && !options.UnknownValuesAreBigEndian ? options with { UnknownValuesAreBigEndian = true } : options;
    }
}
