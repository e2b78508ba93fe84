namespace Tessera.Archive.Storage;

/// <summary>
/// Where one stored version of an instance is (STYLE 9's Location record, kept apart from the
/// instance so an instance may have several versions, stores or transfer syntaxes).
/// </summary>
/// <param name="StorageId">The <see cref="IBlobStore.StorageId"/> holding it.</param>
/// <param name="RelativePath">Path inside the store, derived from validated UIDs only.</param>
/// <param name="TransferSyntaxUid">The transfer syntax of the stored data set.</param>
/// <param name="Size">File size in bytes.</param>
/// <param name="FileSha256">
/// SHA-256 of the whole file (lower-case hex), what <c>check</c> verifies; null for a version recorded in two parts
/// (<paramref name="MetaSha256"/> and <paramref name="ContentSha256"/>), which ingest hashes in one read of the file
/// instead of two (a 512x512 CT slice: ~0.4 ms of CPU less).
/// </param>
/// <param name="ContentSha256">SHA-256 of the data set bytes after the file meta: identical content, whatever meta it came with, is a duplicate.</param>
/// <param name="Frames">Byte ranges of each frame (<see cref="FrameIndex"/> encoding), empty when unknown or not an image.</param>
/// <param name="NeedsRepair">
/// The data set deviates from the standard as stored (an odd value length, PS3.5 7.1, or another deviation the toolkit's
/// reader reports): it is sent re-encoded, strict out (STYLE 11). Found at ingest, so sending a clean instance reads no
/// header; null when it was not determined (elements after the pixel data, deflated data, rows of older index versions),
/// and the sender reads the header when the instance goes out.
/// </param>
/// <param name="MetaSha256">
/// SHA-256 of the bytes before the data set (preamble, "DICM", File Meta Information, which ends where its group length
/// (0002,0000) says); with <paramref name="ContentSha256"/> it covers every byte of the file. Null when
/// <paramref name="FileSha256"/> is recorded (versions stored before index schema 3).
/// </param>
public sealed record BlobLocation(
    string StorageId,
    string RelativePath,
    string TransferSyntaxUid,
    long Size,
    string? FileSha256,
    string ContentSha256,
    ReadOnlyMemory<byte> Frames,
    bool? NeedsRepair = null,
    string? MetaSha256 = null);
