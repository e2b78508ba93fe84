using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta13 — awaiting transport connection close; the association no longer exists.</summary>
public sealed class Sta13Tests
{
    [Theory]
    [InlineData(PduType.AAssociateAc)]
    [InlineData(PduType.AAssociateRj)]
    [InlineData(PduType.PDataTf)]
    [InlineData(PduType.AReleaseRq)]
    [InlineData(PduType.AReleaseRp)]
    public async Task LatePdusAreIgnored_Aa6(PduType type)
    {
        using var h = StateMachineHarness.In(AssociationState.Sta13);
        await h.Receive(StateMachineHarness.AllPdus.First(p => p.Type == type));
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Empty(h.Host.Sent);
        Assert.Empty(h.Host.Calls);
    }

    [Fact]
    public async Task Evt6AssociateRqSendsAbort_Aa7()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta13);
        await h.Receive(StateMachineHarness.Rq);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt19InvalidPduSendsAbort_Aa7()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta13);
        await h.ReceiveInvalid(AbortReason.UnrecognizedPdu);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.UnrecognizedPdu), Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt16AbortCloses_Aa2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta13);
        await h.Receive(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified));
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt17TransportClosedStopsArtim_Ar5()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta13);
        Assert.True(h.Machine.IsArtimRunning);
        await h.Machine.TransportClosedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.False(h.Machine.IsArtimRunning);
    }

    [Fact]
    public void Evt18ArtimExpiryClosesAPeerThatNeverCloses_Aa2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta13);
        h.Time.Advance(StateMachineHarness.Artim);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport"], h.Host.Calls);
    }

    [Fact]
    public async Task PeerChatterDoesNotExtendArtim()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Machine.AbortAsync(CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await h.ReceiveInvalid();
        await h.Receive(StateMachineHarness.Data);
        Assert.Equal(AssociationState.Sta13, h.State);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(AssociationState.Sta1, h.State);
    }
}
