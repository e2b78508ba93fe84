using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta3 — awaiting the local A-ASSOCIATE response primitive.</summary>
public sealed class Sta3Tests
{
    [Fact]
    public async Task Evt7AcceptSendsAc_Ae7()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta3);
        await h.Machine.AcceptAsync(StateMachineHarness.Ac, CancellationToken.None);
        Assert.Equal(AssociationState.Sta6, h.State);
        Assert.IsType<AAssociateAc>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt8RejectSendsRjAndStartsArtim_Ae8()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta3);
        await h.Machine.RejectAsync(StateMachineHarness.Rj, CancellationToken.None);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(StateMachineHarness.Rj, Assert.Single(h.Host.Sent));
        Assert.True(h.Machine.IsArtimRunning);
    }

    [Fact]
    public async Task Evt10PDataBeforeAcceptIsAProtocolError_Aa8()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta3);
        await h.Receive(StateMachineHarness.Data);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), Assert.Single(h.Host.Sent));
        Assert.Equal(["A-P-ABORT indication"], h.Host.Calls);
        Assert.True(h.Machine.IsArtimRunning);
    }

    [Fact]
    public async Task Evt15LocalAbort_Aa1()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta3);
        await h.Machine.AbortAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified), Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt16PeerAbortIndicatesAndCloses_Aa3()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta3);
        await h.Receive(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified));
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport", "A-ABORT indication"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt17TransportLost_Aa4()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta3);
        await h.Machine.TransportClosedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["A-P-ABORT indication"], h.Host.Calls);
    }
}
