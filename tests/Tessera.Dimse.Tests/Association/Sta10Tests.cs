using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta10 — release collision, acceptor side, awaiting A-RELEASE-RP PDU.</summary>
public sealed class Sta10Tests
{
    [Fact]
    public async Task Evt13ReleaseRpConfirms_Ar10()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta10);
        await h.Receive(new AReleaseRp());
        Assert.Equal(AssociationState.Sta12, h.State);
        Assert.Equal(["A-RELEASE confirmation"], h.Host.Calls);
        Assert.Empty(h.Host.Sent);
    }

    [Fact]
    public async Task Evt14ReleaseResponseIsUndefinedUntilTheRpArrives()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta10);
        await Assert.ThrowsAsync<AssociationStateException>(async () => await h.Machine.ReleaseResponseAsync(CancellationToken.None));
    }
}
