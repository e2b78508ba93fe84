namespace Tessera.Dimse.Pdus;

/// <summary>User identity negotiation sub-item of the RQ (58H, PS3.7 D.3.3.7.1). The fields are opaque bytes (UTF-8 text or tokens).</summary>
public sealed record UserIdentityRq(UserIdentityType IdentityType, bool PositiveResponseRequested, ReadOnlyMemory<byte> PrimaryField, ReadOnlyMemory<byte> SecondaryField);
