using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Negotiation;

/// <summary>
/// The acceptor's answer: one AC item per proposed context (PS3.8 9.3.3.2), the role selection replies, the usable
/// contexts, and the SOP Class Extended Negotiation replies (PS3.7 D.3.3.5).
/// </summary>
public sealed record NegotiationResult(
    IReadOnlyList<PresentationContextAc> PresentationContexts,
    IReadOnlyList<RoleSelection> RoleSelections,
    IReadOnlyList<AcceptedPresentationContext> Accepted,
    IReadOnlyList<SopClassExtendedNegotiation>? ExtendedNegotiations = null);
