namespace Tessera.Dimse.Pdus;

/// <summary>Presentation context item of an A-ASSOCIATE-RQ (PS3.8 9.3.2.2): an odd ID 1–255, one abstract syntax, one or more transfer syntaxes.</summary>
public sealed record PresentationContextRq(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
