using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Network;

/// <summary>The acceptor's side of association establishment: the provider-level check (AE-6) and the user's accept or reject.</summary>
internal interface IAssociationAcceptor
{
    AAssociateRj? CheckProvider(AAssociateRq request);

    /// <summary>Returns the AC to send, or the RJ.</summary>
    Pdu Decide(DicomAssociation association, AAssociateRq request);
}
