namespace Tessera.Archive.Storage;

/// <summary>SHA-256 of a blob (lowercase hex), whole and from an offset on (for an instance: its data set, after the meta).</summary>
public readonly record struct BlobSha256(string Whole, string FromOffset);
