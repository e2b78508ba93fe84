namespace Tessera.Dicom.IO;

public sealed partial class DicomFile
{
    /// <summary>
    /// Opens a Part 10 file held by <paramref name="source"/> (a file, an archive blob), as <see cref="OpenAsync(string, DicomReadOptions?, CancellationToken)"/>
    /// does a path: values over <see cref="DicomReadOptions.BulkDataThreshold"/> stay in the source as bulk references and
    /// are skipped by seeking, so reading a header does not read the pixel data. The source must stay in place while they are used.
    /// </summary>
    /// <exception cref="DicomException">The source does not hold a readable DICOM file.</exception>
    public static async Task<DicomFile> OpenAsync(IBulkDataSource source, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = source.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            return await DicomPart10Reader.ReadAsync(stream, options, source, useAsync: true, cancellationToken).ConfigureAwait(false);
        }
    }
}
