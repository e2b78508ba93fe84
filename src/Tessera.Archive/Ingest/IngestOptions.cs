using Tessera.Archive.Index;

namespace Tessera.Archive.Ingest;

/// <summary>Ingest settings; immutable, passed in (STYLE 12).</summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    public DuplicatePolicy DuplicatePolicy { get; init; } = DuplicatePolicy.KeepBoth;

    /// <summary>
    /// Bytes of data set read before the SOP Instance UID must have been seen (the meta written before
    /// the data set needs it). 1 MiB: (0008,0018) follows only group 0008's first elements in any
    /// conformant encoding; the bound keeps hostile input from buffering without limit.
    /// </summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Values longer than this are skipped by the parser, not kept: 1 KiB is over every indexed
    /// attribute (PN at most 5 × 64 characters per group, LO 64) and keeps memory per ingest small.
    /// </summary>
    public long ParseThreshold { get; init; } = 1024;
}
