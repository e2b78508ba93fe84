using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta6 — association established, ready for data transfer.</summary>
public sealed class Sta6Tests
{
    [Fact]
    public async Task Evt9PDataRequestSends_Dt1()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Machine.SendPDataAsync(StateMachineHarness.Data, CancellationToken.None);
        Assert.Equal(AssociationState.Sta6, h.State);
        Assert.IsType<PDataTf>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt10PDataIndicates_Dt2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Receive(StateMachineHarness.Data);
        Assert.Equal(AssociationState.Sta6, h.State);
        Assert.Equal(["P-DATA indication"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt11ReleaseRequestSendsRq_Ar1()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Machine.ReleaseAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta7, h.State);
        Assert.IsType<AReleaseRq>(Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt12ReleaseRqIndicates_Ar2()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Receive(new AReleaseRq());
        Assert.Equal(AssociationState.Sta8, h.State);
        Assert.Equal(["A-RELEASE indication"], h.Host.Calls);
    }

    [Theory]
    [InlineData(PduType.AAssociateRq)]
    [InlineData(PduType.AAssociateAc)]
    [InlineData(PduType.AAssociateRj)]
    [InlineData(PduType.AReleaseRp)]
    public async Task AssociationPdusAreUnexpected_Aa8(PduType type)
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Receive(StateMachineHarness.AllPdus.First(p => p.Type == type));
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), Assert.Single(h.Host.Sent));
        Assert.Equal(["A-P-ABORT indication"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt19InvalidPduAbortsWithItsReason_Aa8()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.ReceiveInvalid(AbortReason.InvalidPduParameterValue);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue), Assert.Single(h.Host.Sent));
        Assert.Equal(AbortReason.InvalidPduParameterValue, h.Host.LastAbort!.Reason);
    }

    [Fact]
    public async Task Evt16PeerAbort_Aa3()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Receive(new AAbort(AbortSource.ServiceProvider, AbortReason.UnrecognizedPdu));
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport", "A-P-ABORT indication"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt17TransportLost_Aa4()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        await h.Machine.TransportClosedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["A-P-ABORT indication"], h.Host.Calls);
    }

    [Fact]
    public async Task NoArtimRunsWhileEstablished()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta6);
        Assert.False(h.Machine.IsArtimRunning);
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.Machine.SendPDataAsync(StateMachineHarness.Data, CancellationToken.None);
        Assert.Equal(AssociationState.Sta6, h.State);
    }
}
