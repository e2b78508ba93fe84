namespace Tessera.Dimse.Pdus;

/// <summary>SOP class extended negotiation sub-item (56H, PS3.7 D.3.3.5): service-class-specific bytes, kept opaque here.</summary>
public sealed record SopClassExtendedNegotiation(string SopClassUid, ReadOnlyMemory<byte> ServiceClassApplicationInformation);
