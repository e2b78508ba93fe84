namespace Tessera.Dimse.Negotiation;

/// <summary>
/// A presentation context both sides agreed on, with the roles the requestor may take on it and the SOP Class Extended
/// Negotiation the acceptor answered for its SOP class (PS3.7 D.3.3.5; empty when none: no extended behaviour).
/// </summary>
public sealed record AcceptedPresentationContext(
    byte Id,
    string AbstractSyntax,
    string TransferSyntax,
    bool RequestorIsScu,
    bool RequestorIsScp,
    ReadOnlyMemory<byte> ExtendedNegotiation = default);
