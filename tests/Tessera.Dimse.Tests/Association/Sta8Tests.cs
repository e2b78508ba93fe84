using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta8 — awaiting the local A-RELEASE response primitive.</summary>
public sealed class Sta8Tests
{
    [Fact]
    public async Task Evt9PDataMayStillBeSent_Ar7()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta8);
        await h.Machine.SendPDataAsync(StateMachineHarness.Data, CancellationToken.None);
        Assert.Equal(AssociationState.Sta8, h.State);
        Assert.IsType<PDataTf>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt14ReleaseResponseSendsRpAndStartsArtim_Ar4()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta8);
        await h.Machine.ReleaseResponseAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.IsType<AReleaseRp>(Assert.Single(h.Host.Sent));
        Assert.True(h.Machine.IsArtimRunning);
    }

    [Fact]
    public async Task Evt10PDataFromPeerAfterItsReleaseRqIsUnexpected_Aa8()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta8);
        await h.Receive(StateMachineHarness.Data);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), Assert.Single(h.Host.Sent));
    }
}
