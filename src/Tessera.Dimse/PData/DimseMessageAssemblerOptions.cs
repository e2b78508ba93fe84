namespace Tessera.Dimse.PData;

/// <summary>Bounds of message reassembly.</summary>
public sealed record DimseMessageAssemblerOptions
{
    /// <summary>The largest command set accepted. Commands are a few hundred bytes; 64 KiB leaves room for long AT lists.</summary>
    public int MaxCommandLength { get; init; } = 64 * 1024;

    /// <summary>
    /// Data-set bytes collected before they are handed to the handler (always at the last fragment), and the size of the
    /// pipe's segments: a handler copying the pipe to a file writes a segment per call, and the pipe's default 4 KiB
    /// segments made `tessera receive` write 4 KiB at a time (130 write calls per 512 KiB instance).
    /// </summary>
    public int DataSetFlushThreshold { get; init; } = 64 * 1024;

    /// <summary>Unread data-set bytes at which the receive loop stops reading from the peer (TCP flow control does the rest).</summary>
    public long DataSetPauseThreshold { get; init; } = 1024 * 1024;

    /// <summary>Unread bytes at which receiving resumes.</summary>
    public long DataSetResumeThreshold { get; init; } = 512 * 1024;
}
