using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Association;

/// <summary>
/// An A-ABORT indication (the peer's service-user aborted) or an A-P-ABORT indication (the provider
/// aborted: a protocol error, a transport loss), PS3.8 7.3 and 7.4.
/// </summary>
public sealed record AbortIndication(AbortSource Source, AbortReason Reason, string Detail)
{
    public bool IsProviderAbort => Source != AbortSource.ServiceUser;
}
