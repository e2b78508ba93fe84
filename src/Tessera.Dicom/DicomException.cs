namespace Tessera.Dicom;

/// <summary>
/// The one exception the toolkit throws for bad input: it says where (byte offset in the source,
/// -1 when not known) and in which element, so a log line points at the fault.
/// </summary>
public sealed class DicomException : Exception
{
    public DicomException(string message, long offset = -1, DicomTag? tag = null, Exception? innerException = null)
        : base(Format(message, offset, tag), innerException)
    {
        Reason = message;
        Offset = offset;
        Tag = tag;
    }

    /// <summary>The reason alone, without offset and tag.</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the source where the fault was found, or -1.</summary>
    public long Offset { get; }

    /// <summary>The element being read, when known.</summary>
    public DicomTag? Tag { get; }

    private static string Format(string message, long offset, DicomTag? tag) =>
        (offset >= 0, tag.HasValue) switch
        {
            (true, true) => $"{message} (at offset {offset}, element {tag})",
            (true, false) => $"{message} (at offset {offset})",
            (false, true) => $"{message} (element {tag})",
            _ => message,
        };
}
