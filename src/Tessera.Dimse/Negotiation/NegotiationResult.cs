using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Negotiation;

/// <summary>The acceptor's answer: one AC item per proposed context (PS3.8 9.3.3.2), the role selection replies, and the usable contexts.</summary>
public sealed record NegotiationResult(
    IReadOnlyList<PresentationContextAc> PresentationContexts,
    IReadOnlyList<RoleSelection> RoleSelections,
    IReadOnlyList<AcceptedPresentationContext> Accepted);
