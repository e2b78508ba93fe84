namespace Tessera.Dimse.Negotiation;

/// <summary>A presentation context both sides agreed on, with the roles the requestor may take on it.</summary>
public sealed record AcceptedPresentationContext(byte Id, string AbstractSyntax, string TransferSyntax, bool RequestorIsScu, bool RequestorIsScp);
