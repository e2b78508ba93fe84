using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Services;

/// <summary>Accepts or rejects an association by its calling and called AE titles and the peer's address.</summary>
public interface IAssociationPolicy
{
    /// <summary>Null to go on with negotiation, or the rejection to send (typically source 1 with reason 3 or 7, PS3.8 Table 9-21).</summary>
    AAssociateRj? Evaluate(AssociationInfo association);
}
