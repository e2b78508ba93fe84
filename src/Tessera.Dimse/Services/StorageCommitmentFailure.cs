namespace Tessera.Dimse.Services;

/// <summary>An instance that could not be committed and why (Failure Reason (0008,1197), PS3.4 J.3.3.1).</summary>
public sealed record StorageCommitmentFailure(ReferencedSop Sop, ushort FailureReason);
