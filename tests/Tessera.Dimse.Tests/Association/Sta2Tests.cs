using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta2 — transport connection open, awaiting A-ASSOCIATE-RQ PDU.</summary>
public sealed class Sta2Tests
{
    [Fact]
    public async Task Evt6AcceptableRequestStopsArtimAndIndicates_Ae6()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        await h.Receive(StateMachineHarness.Rq);
        Assert.Equal(AssociationState.Sta3, h.State);
        Assert.False(h.Machine.IsArtimRunning);
        Assert.Equal(["A-ASSOCIATE indication"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt6RequestRefusedByProviderSendsRjAndStartsArtim_Ae6()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        h.Host.ProviderReject = new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceProviderAcse, AssociateRejectReason.ProtocolVersionNotSupported);
        await h.Receive(StateMachineHarness.Rq with { ProtocolVersion = 2 });
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(h.Host.ProviderReject, Assert.Single(h.Host.Sent));
        Assert.True(h.Machine.IsArtimRunning);
        Assert.Empty(h.Host.Calls);
    }

    [Theory]
    [MemberData(nameof(PdusOtherThanRqAndAbort))]
    public async Task AnyOtherPduSendsAbortAndStartsArtim_Aa1(Pdu pdu)
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        await h.Receive(pdu);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified), Assert.Single(h.Host.Sent));
        Assert.True(h.Machine.IsArtimRunning);
    }

    [Fact]
    public async Task Evt19InvalidPdu_Aa1()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        await h.ReceiveInvalid();
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.IsType<AAbort>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt16AbortClosesTransport_Aa2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        await h.Receive(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified));
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport"], h.Host.Calls);
        Assert.False(h.Machine.IsArtimRunning);
    }

    [Fact]
    public void Evt18ArtimExpiryClosesTransport_Aa2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        h.Time.Advance(StateMachineHarness.Artim - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AssociationState.Sta2, h.State);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt17TransportClosedStopsArtim_Aa5()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta2);
        await h.Machine.TransportClosedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.False(h.Machine.IsArtimRunning);
        Assert.Equal(0, h.Time.ActiveTimers);
    }

    public static TheoryData<Pdu> PdusOtherThanRqAndAbort() =>
        [StateMachineHarness.Ac, StateMachineHarness.Rj, StateMachineHarness.Data, new AReleaseRq(), new AReleaseRp()];
}
