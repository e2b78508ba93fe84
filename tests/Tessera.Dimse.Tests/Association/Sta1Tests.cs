using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta1 — Idle.</summary>
public sealed class Sta1Tests
{
    [Fact]
    public async Task Evt1AssociateRequestIssuesTransportConnect_Ae1()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta1, AssociationRole.Requestor);
        await h.Machine.RequestAssociationAsync(StateMachineHarness.Rq, CancellationToken.None);
        Assert.Equal(AssociationState.Sta4, h.State);
        Assert.Equal(["OpenTransport"], h.Host.Calls);
        Assert.Empty(h.Host.Sent);
    }

    [Fact]
    public async Task Evt5TransportIndicationStartsArtim_Ae5()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta1);
        await h.Machine.TransportConnectionIndicationAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta2, h.State);
        Assert.True(h.Machine.IsArtimRunning);
    }

    [Fact]
    public async Task LocalPrimitivesOtherThanAssociateAreUndefined()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta1);
        await Assert.ThrowsAsync<AssociationStateException>(async () => await h.Machine.ReleaseAsync(CancellationToken.None));
        await Assert.ThrowsAsync<AssociationStateException>(async () => await h.Machine.SendPDataAsync(StateMachineHarness.Data, CancellationToken.None));
        await Assert.ThrowsAsync<AssociationStateException>(async () => await h.Machine.AbortAsync(CancellationToken.None));
        Assert.Equal(AssociationState.Sta1, h.State);
    }
}
