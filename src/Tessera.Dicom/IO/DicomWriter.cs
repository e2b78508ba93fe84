using System.IO.Compression;

namespace Tessera.Dicom.IO;

/// <summary>
/// Writes a dataset (no file meta: see <see cref="DicomFileWriter"/> for Part 10 files) in a
/// transfer syntax: Implicit VR Little Endian, Explicit VR Little Endian, Explicit VR Big Endian,
/// Deflated Explicit VR Little Endian, or an encapsulated syntax when the Pixel Data already is
/// encapsulated in it. Values are held little endian and swapped on the way out for big endian;
/// bulk data is streamed from its source through one pooled buffer. Strict out (STYLE 11): odd
/// values padded, VRs fixed where the encoding demands it, retired group lengths dropped.
/// </summary>
/// <remarks>
/// Changing between native and encapsulated Pixel Data is a codec job: the writer throws a
/// <see cref="DicomException"/> instead of writing a file whose pixel data contradicts its
/// transfer syntax.
/// </remarks>
public sealed class DicomWriter
{
    private readonly DicomEncoding _encoding;

    public DicomWriter(DicomTransferSyntax transferSyntax, DicomWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        TransferSyntax = transferSyntax;
        _encoding = DicomEncoding.From(transferSyntax);
        Options = options ?? DicomWriteOptions.Default;
    }

    public DicomTransferSyntax TransferSyntax { get; }

    public DicomWriteOptions Options { get; }

    /// <summary>Writes <paramref name="dataset"/> to <paramref name="stream"/> (left open and not flushed).</summary>
    public void Write(Stream stream, DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        var task = WriteCoreAsync(stream, dataset, sync: true, CancellationToken.None);

        // With sync set, nothing inside awaits anything that is not already complete.
        System.Diagnostics.Debug.Assert(task.IsCompleted, "synchronous write completed synchronously");
        task.GetAwaiter().GetResult();
    }

    /// <summary>Writes <paramref name="dataset"/> to <paramref name="stream"/> (left open and not flushed).</summary>
    public Task WriteAsync(Stream stream, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        return WriteCoreAsync(stream, dataset, sync: false, cancellationToken).AsTask();
    }

    /// <summary>
    /// The number of bytes <see cref="Write"/> would produce, by a measuring pass that reads no
    /// bulk data (before deflating, for the deflated syntax). For P-DATA fragmenting and
    /// Content-Length headers.
    /// </summary>
    public long Measure(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new DicomDatasetEncoder(_encoding, Options).MeasureDataset(dataset, topLevel: true);
    }

    internal async ValueTask WriteCoreAsync(Stream stream, DicomDataset dataset, bool sync, CancellationToken cancellationToken)
    {
        var encoder = new DicomDatasetEncoder(_encoding, Options);
        if (!_encoding.Deflated)
        {
            using var output = new DicomOutputBuffer(stream, _encoding.BigEndian, Options.BufferSize, sync, cancellationToken);
            await encoder.WriteAsync(output, dataset).ConfigureAwait(false);
            return;
        }

        // PS3.5 A.5: everything after the file meta is one raw deflate stream (RFC 1951, no zlib header).
        var deflate = new DeflateStream(stream, Options.DeflateLevel, leaveOpen: true);
        try
        {
            using (var output = new DicomOutputBuffer(deflate, _encoding.BigEndian, Options.BufferSize, sync, cancellationToken))
            {
                await encoder.WriteAsync(output, dataset).ConfigureAwait(false);
            }
        }
        finally
        {
            // Disposing writes the final deflate block.
            if (sync)
            {
                deflate.Dispose();
            }
            else
            {
                await deflate.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
