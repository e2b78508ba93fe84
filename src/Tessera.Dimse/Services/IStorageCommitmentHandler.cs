namespace Tessera.Dimse.Services;

/// <summary>
/// Storage Commitment Push Model SCP (PS3.4 J, SOP class 1.2.840.10008.1.20.1). The engine answers the N-ACTION at once
/// (Success), then calls this handler and sends the result as N-EVENT-REPORT (event type 1: all committed, 2: some
/// failed) on the same association while it is open, else on a new association to the requester's AE title resolved
/// through the server's <see cref="IApplicationEntityResolver"/>, proposing the SCP role (PS3.4 J.3.3).
/// </summary>
public interface IStorageCommitmentHandler
{
    ValueTask<StorageCommitmentResult> OnCommitRequestAsync(StorageCommitmentRequest request, CancellationToken cancellationToken);
}
