namespace Tessera.Archive.Ingest;

/// <summary>
/// One instance to store, as it arrives: a Part 10 file (import, STOW-RS parts) or a bare data set
/// in a known transfer syntax (C-STORE). The content is read once, front to back.
/// </summary>
public sealed record IngestRequest
{
    private IngestRequest(Stream content, DicomTransferSyntax? datasetTransferSyntax)
    {
        Content = content;
        DatasetTransferSyntax = datasetTransferSyntax;
    }

    public Stream Content { get; }

    /// <summary>Null for a Part 10 stream; else the transfer syntax of the bare data set (C-STORE's presentation context).</summary>
    public DicomTransferSyntax? DatasetTransferSyntax { get; }

    /// <summary>Calling AE title (C-STORE) for the meta's Source Application Entity Title (PS3.10 7.1).</summary>
    public string? SourceApplicationEntityTitle { get; init; }

    /// <summary>Affected SOP Class UID of the C-STORE command: the data set must agree (PS3.4 B.2.3 A900 otherwise).</summary>
    public string? ExpectedSopClassUid { get; init; }

    /// <summary>Affected SOP Instance UID of the C-STORE command.</summary>
    public string? ExpectedSopInstanceUid { get; init; }

    /// <summary>What to call the input in logs (a file name, "C-STORE from AE").</summary>
    public string? Description { get; init; }

    public static IngestRequest Part10(Stream content) => new(content ?? throw new ArgumentNullException(nameof(content)), null);

    public static IngestRequest Dataset(Stream content, DicomTransferSyntax transferSyntax) =>
        new(content ?? throw new ArgumentNullException(nameof(content)), transferSyntax ?? throw new ArgumentNullException(nameof(transferSyntax)));
}
