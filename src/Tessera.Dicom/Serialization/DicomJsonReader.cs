using System.Buffers;
using System.Text.Json;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Reads the DICOM JSON Model (PS3.18 Annex F) into datasets with a <see cref="Utf8JsonReader"/>
/// over the whole document: no DOM, one pass, sequence depth bounded. Malformed JSON and values that
/// do not fit their VR throw <see cref="DicomException"/> with the byte offset; tolerable
/// departures (missing "vr", strings where numbers belong) are reported as deviations.
/// </summary>
public sealed partial class DicomJsonReader
{
    private readonly DicomJsonReaderOptions _options;

    public DicomJsonReader(DicomJsonReaderOptions? options = null)
    {
        _options = options ?? DicomJsonReaderOptions.Default;
        if (_options.MaxSequenceDepth < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxSequenceDepth must not be negative");
        }
    }

    /// <summary>Reads one JSON object as a dataset.</summary>
    public DicomDataset Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = CreateReader(utf8Json);
        try
        {
            Next(ref reader);
            var dataset = ReadRoot(ref reader);
            ExpectEnd(ref reader);
            return dataset;
        }
        catch (JsonException exception)
        {
            throw Malformed(exception);
        }
    }

    /// <summary>
    /// Reads a JSON array of objects (a QIDO-RS response) as datasets; a single object is accepted
    /// as an array of one.
    /// </summary>
    public IReadOnlyList<DicomDataset> ReadArray(ReadOnlySpan<byte> utf8Json)
    {
        var reader = CreateReader(utf8Json);
        try
        {
            Next(ref reader);
            var datasets = new List<DicomDataset>();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                datasets.Add(ReadRoot(ref reader));
            }
            else
            {
                Expect(ref reader, JsonTokenType.StartArray, "a JSON array of datasets");
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    datasets.Add(ReadRoot(ref reader));
                }
            }

            ExpectEnd(ref reader);
            return datasets;
        }
        catch (JsonException exception)
        {
            throw Malformed(exception);
        }
    }

    /// <summary>Reads one dataset from a stream, which is read to its end first (a JSON value has no length prefix).</summary>
    public async Task<DicomDataset> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = await ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        return Read(buffer.WrittenSpan);
    }

    /// <summary>Reads an array of datasets (or one) from a stream.</summary>
    public async Task<IReadOnlyList<DicomDataset>> ReadArrayAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = await ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        return ReadArray(buffer.WrittenSpan);
    }

    private static async Task<ArrayBufferWriter<byte>> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position, 256, Array.MaxLength) : 64 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
        }
    }

    private Utf8JsonReader CreateReader(ReadOnlySpan<byte> utf8Json) => new(utf8Json, new JsonReaderOptions
    {
        // Each sequence level costs three JSON levels (item object, attribute object, Value array),
        // plus the outer array, dataset and attribute.
        MaxDepth = (3 * _options.MaxSequenceDepth) + 4,
        CommentHandling = JsonCommentHandling.Disallow,
    });

    private DicomDataset ReadRoot(ref Utf8JsonReader reader)
    {
        var dataset = new DicomDataset();
        var text = new DeferredText(_options.OnDeviation);
        ReadDataset(ref reader, dataset, text, 0);
        text.Complete(dataset);
        return dataset;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new DicomException("JSON ends early", reader.BytesConsumed);
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new DicomException($"expected {what}, found {reader.TokenType}", reader.TokenStartIndex);
        }
    }

    private static void ExpectEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new DicomException("unexpected content after the JSON value", reader.TokenStartIndex);
        }
    }

    /// <summary>
    /// <see cref="Utf8JsonReader.GetString"/>, which decodes a string's bytes only now and throws
    /// InvalidOperationException for invalid UTF-8 or an escaped lone surrogate ("\ud800"); neither
    /// is text (RFC 8259 8.1, 8.2), so the document is malformed.
    /// </summary>
    private static string? GetText(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException exception) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            throw new DicomException($"malformed JSON: a string is not valid Unicode text ({exception.Message})", reader.TokenStartIndex, innerException: exception);
        }
    }

    /// <summary>
    /// ValueTextEquals and TryGetBytesFromBase64 unescape the same way and throw the same way: check
    /// an escaped member name or string first.
    /// </summary>
    private static void CheckEscapedText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && reader.ValueIsEscaped)
        {
            GetText(ref reader);
        }
    }

    private static DicomException Malformed(JsonException exception) =>
        new($"malformed JSON: {exception.Message}", exception.BytePositionInLine ?? -1, innerException: exception);
}
