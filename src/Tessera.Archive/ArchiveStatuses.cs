namespace Tessera.Archive;

/// <summary>
/// The catalogue of archive failures: one static readonly table, nothing parsed at start-up.
/// DIMSE statuses are those of PS3.4 B.2.3 (Storage) and PS3.7 Annex C (general); HTTP ones follow
/// PS3.18 10.5.3 (STOW-RS: 409 for an instance that was refused, 503 when the server is busy).
/// </summary>
public static class ArchiveStatuses
{
    /// <summary>PS3.4 B.2.3 "Refused: Out of Resources" (A7xx): the disk is full; nothing was half-written.</summary>
    public static readonly ArchiveStatus OutOfResources = new("archive.out-of-resources", 0xA700, 507, "Out of resources: storage is full", Retryable: true);

    /// <summary>A7xx too: an I/O error other than a full disk (device error, permissions).</summary>
    public static readonly ArchiveStatus StorageUnavailable = new("archive.storage-unavailable", 0xA701, 503, "Storage unavailable", Retryable: true);

    /// <summary>A7xx: the index could not commit (database locked too long, I/O error).</summary>
    public static readonly ArchiveStatus IndexUnavailable = new("archive.index-unavailable", 0xA702, 503, "Index unavailable", Retryable: true);

    /// <summary>PS3.4 B.2.3 "Error: Data Set does not match SOP Class" (A9xx): a required attribute is missing.</summary>
    public static readonly ArchiveStatus DatasetDoesNotMatchSopClass = new("archive.dataset-mismatch", 0xA900, 400, "Data set does not match SOP Class", Retryable: false);

    /// <summary>A9xx: the SOP Class/Instance UID in the data set differs from the one announced (C-STORE command, file meta).</summary>
    public static readonly ArchiveStatus UidMismatch = new("archive.uid-mismatch", 0xA901, 400, "SOP Class/Instance UID differs from the command", Retryable: false);

    /// <summary>A9xx: a Study/Series/SOP Instance UID is not a UID of PS3.5 9.1 (so it cannot name a path).</summary>
    public static readonly ArchiveStatus InvalidUid = new("archive.invalid-uid", 0xA902, 400, "Invalid UID (PS3.5 9.1)", Retryable: false);

    /// <summary>PS3.4 B.2.3 "Error: Cannot understand" (Cxxx): the bytes are not a parsable data set.</summary>
    public static readonly ArchiveStatus CannotUnderstand = new("archive.cannot-understand", 0xC000, 400, "Cannot understand: not a parsable data set", Retryable: false);

    /// <summary>Cxxx: the SOP Instance UID was not within the first bytes of the data set, where every encoder puts it.</summary>
    public static readonly ArchiveStatus HeaderTooLarge = new("archive.header-too-large", 0xC001, 400, "SOP Instance UID not found in the leading bytes", Retryable: false);

    /// <summary>PS3.7 C.5.x "Duplicate SOP Instance" (0111): refused by the Reject duplicate policy.</summary>
    public static readonly ArchiveStatus DuplicateRejected = new("archive.duplicate-rejected", 0x0111, 409, "Duplicate SOP Instance with different content", Retryable: false);

    /// <summary>PS3.7 C "Refused: SOP Class not supported" (0122).</summary>
    public static readonly ArchiveStatus SopClassNotSupported = new("archive.sop-class-not-supported", 0x0122, 400, "SOP Class not supported", Retryable: false);

    /// <summary>PS3.7 C "Refused: Not Authorized" (0124).</summary>
    public static readonly ArchiveStatus NotAuthorized = new("archive.not-authorized", 0x0124, 403, "Not authorized", Retryable: false);

    /// <summary>PS3.4 C.4.1.1.4 C-FIND "Failed: Identifier does not match SOP Class" (A900): bad level or key.</summary>
    public static readonly ArchiveStatus IdentifierDoesNotMatchSopClass = new("archive.identifier-mismatch", 0xA900, 400, "Identifier does not match SOP Class", Retryable: false);

    /// <summary>PS3.7 C "Cancel" (FE00): the request was cancelled before its result was committed.</summary>
    public static readonly ArchiveStatus Cancelled = new("archive.cancelled", 0xFE00, 499, "Cancelled", Retryable: true);

    /// <summary>Cxxx: a bug or an unexpected exception; the handler still answers (STYLE 10: never a dropped association).</summary>
    public static readonly ArchiveStatus InternalError = new("archive.internal-error", 0xC0FF, 500, "Internal error", Retryable: true);

    /// <summary>The whole catalogue, for documentation and for the test that keeps codes unique.</summary>
    public static IReadOnlyList<ArchiveStatus> All { get; } =
    [
        OutOfResources, StorageUnavailable, IndexUnavailable, DatasetDoesNotMatchSopClass, UidMismatch, InvalidUid,
        CannotUnderstand, HeaderTooLarge, DuplicateRejected, SopClassNotSupported, NotAuthorized, IdentifierDoesNotMatchSopClass, Cancelled, InternalError,
    ];

    /// <summary>
    /// ENOSPC (28 on Linux, the raw errno .NET puts in HResult on Unix), EDQUOT (122), and Windows'
    /// ERROR_HANDLE_DISK_FULL (39) / ERROR_DISK_FULL (112) as HRESULTs 0x80070027 / 0x80070070.
    /// </summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is IOException { HResult: 28 or 122 or unchecked((int)0x80070027) or unchecked((int)0x80070070) };

    /// <summary>The status for an exception thrown while storing.</summary>
    public static ArchiveStatus FromStorageException(Exception exception) => exception switch
    {
        _ when IsDiskFull(exception) => OutOfResources,
        IOException or UnauthorizedAccessException => StorageUnavailable,
        OperationCanceledException => Cancelled,
        _ => InternalError,
    };
}
