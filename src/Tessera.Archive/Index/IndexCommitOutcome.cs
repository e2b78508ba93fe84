namespace Tessera.Archive.Index;

public enum IndexCommitOutcome
{
    /// <summary>A new instance.</summary>
    Stored,

    /// <summary>The same content was already stored (same <see cref="Storage.BlobLocation.ContentSha256"/>); nothing changed.</summary>
    Duplicate,

    /// <summary>Different content for a stored instance became its current version; older versions are kept.</summary>
    NewVersion,

    /// <summary>Different content replaced the stored one (its location row is gone; its blob is the caller's to delete).</summary>
    Overwritten,

    /// <summary>Different content was refused by <see cref="DuplicatePolicy.Reject"/>; nothing changed.</summary>
    Rejected,
}
