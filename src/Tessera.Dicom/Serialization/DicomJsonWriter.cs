using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Writes datasets as the DICOM JSON Model (PS3.18 Annex F) straight into a
/// <see cref="Utf8JsonWriter"/>: no DOM, bounded buffers, bulk values streamed from their source
/// in chunks so a 2 GB Pixel Data never sits in memory, neither as bytes nor as base64.
/// </summary>
public sealed partial class DicomJsonWriter
{
    /// <summary>
    /// Pending output is handed to the stream once it passes 64 KiB: large enough that small
    /// datasets go out in one write, small enough that a base64 value never piles up.
    /// </summary>
    private const int FlushThreshold = 64 * 1024;

    private readonly DicomJsonWriterOptions _options;

    public DicomJsonWriter(DicomJsonWriterOptions? options = null)
    {
        _options = options ?? DicomJsonWriterOptions.Default;
    }

    /// <summary>Writes one dataset as one JSON object.</summary>
    public async Task WriteAsync(Stream stream, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataset);
        var writer = new Utf8JsonWriter(stream, CreateWriterOptions());
        await using (writer.ConfigureAwait(false))
        {
            await WriteAsync(writer, dataset, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes datasets as a JSON array of objects, the shape of a QIDO-RS response (PS3.18 10.6.3.3.2).</summary>
    public async Task WriteAsync(Stream stream, IEnumerable<DicomDataset> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        await WriteAsync(stream, ToAsync(datasets), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes datasets as a JSON array as they arrive, e.g. query results streamed from the index.</summary>
    public async Task WriteAsync(Stream stream, IAsyncEnumerable<DicomDataset> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(datasets);
        var writer = new Utf8JsonWriter(stream, CreateWriterOptions());
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartArray();
            await foreach (var dataset in datasets.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await WriteAsync(writer, dataset, cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one dataset into a buffer writer (e.g. a PipeWriter or an ArrayBufferWriter).</summary>
    public async Task WriteAsync(IBufferWriter<byte> output, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dataset);
        var writer = new Utf8JsonWriter(output, CreateWriterOptions());
        await using (writer.ConfigureAwait(false))
        {
            await WriteAsync(writer, dataset, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes one dataset as a JSON object at the writer's current position, so callers can embed
    /// it in a larger document. Flushes the writer whenever its pending output grows large.
    /// </summary>
    public async Task WriteAsync(Utf8JsonWriter writer, DicomDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dataset);
        writer.WriteStartObject();
        await WriteElementsAsync(writer, dataset, null, -1, cancellationToken).ConfigureAwait(false);
        writer.WriteEndObject();
    }

    /// <summary>The JSON of one dataset as UTF-8 bytes; for small, in-memory datasets (tests, single responses).</summary>
    public byte[] SerializeToUtf8Bytes(DicomDataset dataset)
    {
        var output = new ArrayBufferWriter<byte>();
        // Every await below completes synchronously for in-memory values and an ArrayBufferWriter;
        // ConfigureAwait(false) throughout means no context is captured, so blocking is safe.
        WriteAsync(output, dataset).GetAwaiter().GetResult();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The JSON of one dataset as a string.</summary>
    public string Serialize(DicomDataset dataset) => System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(dataset));

    private static async IAsyncEnumerable<DicomDataset> ToAsync(IEnumerable<DicomDataset> datasets)
    {
        foreach (var dataset in datasets)
        {
            yield return dataset;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private JsonWriterOptions CreateWriterOptions() => new()
    {
        Indented = _options.Indented,
        // Non-ASCII text as UTF-8 rather than \u escapes: half the size for CJK names, and the
        // output is JSON for HTTP bodies, not script embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Sequences nest three JSON levels per level (object, attribute, Value array); real
        // datasets stay far below, the default of 1,000 only guards against runaway recursion.
        MaxDepth = 1000,
    };
}
