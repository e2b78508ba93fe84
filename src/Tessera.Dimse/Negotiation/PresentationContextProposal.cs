namespace Tessera.Dimse.Negotiation;

/// <summary>
/// One presentation context a requestor proposes (PS3.8 9.3.2.2), with the roles it asks for (PS3.7 D.3.3.4): a role
/// selection sub-item is sent when <paramref name="ScpRole"/> is set or <paramref name="ScuRole"/> is cleared.
/// </summary>
/// <param name="AbstractSyntax">The SOP class UID.</param>
/// <param name="TransferSyntaxes">Transfer syntax UIDs offered.</param>
/// <param name="ScuRole">The requestor acts as SCU (the default role).</param>
/// <param name="ScpRole">The requestor acts as SCP, e.g. for the C-STORE sub-operations of a C-GET (PS3.4 C.4.3).</param>
public sealed record PresentationContextProposal(string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes, bool ScuRole = true, bool ScpRole = false);
