using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta9 — release collision, requestor side, awaiting the local A-RELEASE response.</summary>
public sealed class Sta9Tests
{
    [Fact]
    public async Task Evt14ReleaseResponseSendsRp_Ar9()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta9);
        await h.Machine.ReleaseResponseAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta11, h.State);
        Assert.IsType<AReleaseRp>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt13ReleaseRpIsUnexpectedHere_Aa8()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta9);
        await h.Receive(new AReleaseRp());
        Assert.Equal(AssociationState.Sta13, h.State);
    }
}
