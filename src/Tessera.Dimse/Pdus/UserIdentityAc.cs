namespace Tessera.Dimse.Pdus;

/// <summary>User identity negotiation sub-item of the AC (59H, PS3.7 D.3.3.7.2).</summary>
public sealed record UserIdentityAc(ReadOnlyMemory<byte> ServerResponse);
