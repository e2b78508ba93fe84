namespace Tessera.Dimse.Pdus;

/// <summary>SOP class common extended negotiation sub-item (57H, PS3.7 D.3.3.6).</summary>
public sealed record SopClassCommonExtendedNegotiation(string SopClassUid, string ServiceClassUid, IReadOnlyList<string> RelatedGeneralSopClassUids);
