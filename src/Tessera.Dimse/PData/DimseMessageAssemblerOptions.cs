namespace Tessera.Dimse.PData;

/// <summary>Bounds of message reassembly.</summary>
public sealed record DimseMessageAssemblerOptions
{
    /// <summary>The largest command set accepted. Commands are a few hundred bytes; 64 KiB leaves room for long AT lists.</summary>
    public int MaxCommandLength { get; init; } = 64 * 1024;

    /// <summary>Data-set bytes collected before they are handed to the handler (always at the last fragment).</summary>
    public int DataSetFlushThreshold { get; init; } = 64 * 1024;

    /// <summary>Unread data-set bytes at which the receive loop stops reading from the peer (TCP flow control does the rest).</summary>
    public long DataSetPauseThreshold { get; init; } = 1024 * 1024;

    /// <summary>Unread bytes at which receiving resumes.</summary>
    public long DataSetResumeThreshold { get; init; } = 512 * 1024;
}
