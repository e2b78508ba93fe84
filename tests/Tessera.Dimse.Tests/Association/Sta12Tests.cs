using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta12 — release collision, acceptor side, awaiting the local A-RELEASE response.</summary>
public sealed class Sta12Tests
{
    [Fact]
    public async Task Evt14ReleaseResponseSendsRpAndStartsArtim_Ar4()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta12);
        await h.Machine.ReleaseResponseAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.IsType<AReleaseRp>(Assert.Single(h.Host.Sent));
        Assert.True(h.Machine.IsArtimRunning);
    }

    [Fact]
    public async Task FullCollisionEndsWithBothSidesReleased()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta12);
        await h.Machine.ReleaseResponseAsync(CancellationToken.None);
        h.Time.Advance(StateMachineHarness.Artim);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Contains("CloseTransport", h.Host.Calls);
    }
}
