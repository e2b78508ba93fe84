using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta4 — awaiting the transport connection to open (requestor).</summary>
public sealed class Sta4Tests
{
    [Fact]
    public async Task Evt2ConnectedSendsRq_Ae2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta4);
        await h.Machine.TransportConnectedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta5, h.State);
        Assert.IsType<AAssociateRq>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt15AbortClosesWithoutSending_Aa2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta4);
        await h.Machine.AbortAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Empty(h.Host.Sent);
        Assert.Equal(["CloseTransport"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt17ConnectFailed_Aa4()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta4);
        await h.Machine.TransportClosedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["A-P-ABORT indication"], h.Host.Calls);
    }
}
