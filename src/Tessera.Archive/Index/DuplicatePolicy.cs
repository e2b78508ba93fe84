namespace Tessera.Archive.Index;

/// <summary>
/// What to do when an instance arrives whose SOP Instance UID is stored with different content
/// (identical content is always an idempotent success: <see cref="IndexCommitOutcome.Duplicate"/>).
/// </summary>
public enum DuplicatePolicy
{
    /// <summary>The new content becomes the current version; the old one is kept and logged (the default: nothing is ever lost).</summary>
    KeepBoth,

    /// <summary>The new content is refused (PS3.7 0111 Duplicate SOP Instance).</summary>
    Reject,

    /// <summary>The new content replaces the old, whose blob is deleted after the commit.</summary>
    Overwrite,
}
