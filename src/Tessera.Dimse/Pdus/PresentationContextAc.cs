namespace Tessera.Dimse.Pdus;

/// <summary>
/// Presentation context item of an A-ASSOCIATE-AC (PS3.8 9.3.3.2): the ID, the result and one transfer
/// syntax, which is significant only when the result is acceptance.
/// </summary>
public sealed record PresentationContextAc(byte Id, PresentationContextResult Result, string TransferSyntax);
