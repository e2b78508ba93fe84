using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta11 — release collision, requestor side, awaiting A-RELEASE-RP PDU.</summary>
public sealed class Sta11Tests
{
    [Fact]
    public async Task Evt13ReleaseRpConfirmsAndCloses_Ar3()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta11);
        await h.Receive(new AReleaseRp());
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport", "A-RELEASE confirmation"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt10PDataIsUnexpected_Aa8()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta11);
        await h.Receive(StateMachineHarness.Data);
        Assert.Equal(AssociationState.Sta13, h.State);
    }
}
