using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Association;

/// <summary>
/// What the state machine needs from its surroundings: the transport (send a PDU, open or close the
/// connection), the service-provider's acceptance check, and the service-user that receives indications
/// and confirmations. Indications are notifications: they run after the machine has changed state and
/// released its lock, so an implementation may answer by calling the machine again.
/// </summary>
public interface IAssociationHost
{
    /// <summary>Writes one PDU to the transport (a single write).</summary>
    ValueTask SendPduAsync(Pdu pdu, CancellationToken cancellationToken);

    /// <summary>AE-1: open the transport connection; the host reports the outcome with Evt2 or Evt17.</summary>
    ValueTask OpenTransportAsync(CancellationToken cancellationToken);

    /// <summary>AE-4, AR-3, AA-2, AA-3: close the transport connection.</summary>
    void CloseTransport();

    /// <summary>AE-6: whether the service-provider accepts the A-ASSOCIATE-RQ at all (protocol version, AE titles, limits); returns the rejection or null.</summary>
    AAssociateRj? CheckAssociateRequest(AAssociateRq request);

    /// <summary>AE-6: A-ASSOCIATE indication; answer with the machine's Accept or Reject (Evt7/Evt8).</summary>
    ValueTask OnAssociateIndicationAsync(AAssociateRq request, CancellationToken cancellationToken);

    /// <summary>AE-3: A-ASSOCIATE confirmation (accept).</summary>
    ValueTask OnAssociateAcceptedAsync(AAssociateAc accept, CancellationToken cancellationToken);

    /// <summary>AE-4: A-ASSOCIATE confirmation (reject).</summary>
    ValueTask OnAssociateRejectedAsync(AAssociateRj reject, CancellationToken cancellationToken);

    /// <summary>DT-2, AR-6: P-DATA indication. The PDV data is borrowed from the receive buffer and valid only during the call.</summary>
    ValueTask OnPDataIndicationAsync(PDataTf data, CancellationToken cancellationToken);

    /// <summary>AR-2, AR-8: A-RELEASE indication; answer with the machine's release response (Evt14).</summary>
    ValueTask OnReleaseIndicationAsync(bool collision, CancellationToken cancellationToken);

    /// <summary>AR-3, AR-10: A-RELEASE confirmation.</summary>
    ValueTask OnReleaseConfirmedAsync(CancellationToken cancellationToken);

    /// <summary>AA-3, AA-4, AA-8: A-ABORT or A-P-ABORT indication.</summary>
    ValueTask OnAbortIndicationAsync(AbortIndication abort, CancellationToken cancellationToken);
}
