using Tessera.Archive.Storage;

namespace Tessera.Archive.Index;

/// <summary>What <see cref="IIndexStore.CommitAsync"/> did.</summary>
/// <param name="Outcome">Stored, duplicate, new version, overwritten or rejected.</param>
/// <param name="Version">The instance's current version number after the commit (1 for the first).</param>
/// <param name="Existing">For Duplicate and Rejected, the stored current location; for Overwritten, the replaced one.</param>
public sealed record IndexCommitResult(IndexCommitOutcome Outcome, int Version, BlobLocation? Existing);
