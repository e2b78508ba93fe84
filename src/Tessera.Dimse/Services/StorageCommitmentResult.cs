namespace Tessera.Dimse.Services;

/// <summary>
/// The outcome reported in the N-EVENT-REPORT (PS3.4 J.3.3): committed instances, and failed ones with their Failure
/// Reason (0008,1197), e.g. 0112H no such object instance, 0110H processing failure.
/// </summary>
public sealed record StorageCommitmentResult(IReadOnlyList<ReferencedSop> Committed, IReadOnlyList<StorageCommitmentFailure> Failed);
