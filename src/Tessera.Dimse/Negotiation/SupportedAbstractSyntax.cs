namespace Tessera.Dimse.Negotiation;

/// <summary>
/// An abstract syntax (SOP class) the acceptor supports, with its transfer syntaxes in the acceptor's order
/// of preference: the first one the requestor also proposed is chosen, whatever order the requestor used.
/// </summary>
/// <param name="AbstractSyntax">The SOP class UID.</param>
/// <param name="TransferSyntaxes">Transfer syntax UIDs, most preferred first.</param>
/// <param name="RequestorMayBeScu">Whether the requestor may act as SCU (the default role, PS3.7 D.3.3.4).</param>
/// <param name="RequestorMayBeScp">Whether the requestor may act as SCP, e.g. the storage sub-operations of C-GET.</param>
/// <param name="ExtendedNegotiation">
/// The acceptor's SOP Class Extended Negotiation flags (PS3.7 D.3.3.5), one byte each, 1 where supported, as the
/// Query/Retrieve service class defines them (PS3.4 C.5.1.1); empty: the item is not answered.
/// </param>
public sealed record SupportedAbstractSyntax(
    string AbstractSyntax,
    IReadOnlyList<string> TransferSyntaxes,
    bool RequestorMayBeScu = true,
    bool RequestorMayBeScp = false,
    ReadOnlyMemory<byte> ExtendedNegotiation = default);
