namespace Tessera.Dimse.Services;

/// <summary>A Storage Commitment request (N-ACTION type 1, PS3.4 J.3.2): its Transaction UID (0008,1195) and the instances to commit.</summary>
public sealed record StorageCommitmentRequest(AssociationInfo Association, string TransactionUid, IReadOnlyList<ReferencedSop> ReferencedSops);
