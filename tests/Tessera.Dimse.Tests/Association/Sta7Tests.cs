using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta7 — awaiting A-RELEASE-RP PDU.</summary>
public sealed class Sta7Tests
{
    [Fact]
    public async Task Evt10PDataStillIndicates_Ar6()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta7);
        await h.Receive(StateMachineHarness.Data);
        Assert.Equal(AssociationState.Sta7, h.State);
        Assert.Equal(["P-DATA indication"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt13ReleaseRpConfirmsAndCloses_Ar3()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta7);
        await h.Receive(new AReleaseRp());
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport", "A-RELEASE confirmation"], h.Host.Calls);
    }

    [Theory]
    [InlineData(AssociationRole.Requestor, AssociationState.Sta9)]
    [InlineData(AssociationRole.Acceptor, AssociationState.Sta10)]
    public async Task Evt12ReleaseCollision_Ar8(AssociationRole role, AssociationState next)
    {
        using var h = StateMachineHarness.In(AssociationState.Sta7, role);
        await h.Receive(new AReleaseRq());
        Assert.Equal(next, h.State);
        Assert.Equal(["A-RELEASE indication (collision)"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt9PDataRequestIsUndefined()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta7);
        await Assert.ThrowsAsync<AssociationStateException>(async () => await h.Machine.SendPDataAsync(StateMachineHarness.Data, CancellationToken.None));
    }
}
