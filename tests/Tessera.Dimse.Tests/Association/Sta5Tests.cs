using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Sta5 — awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU.</summary>
public sealed class Sta5Tests
{
    [Fact]
    public async Task Evt3AcceptConfirms_Ae3()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta5);
        await h.Receive(StateMachineHarness.Ac);
        Assert.Equal(AssociationState.Sta6, h.State);
        Assert.Equal(["A-ASSOCIATE accepted"], h.Host.Calls);
    }

    [Fact]
    public async Task Evt4RejectConfirmsAndCloses_Ae4()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta5);
        await h.Receive(StateMachineHarness.Rj);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(["CloseTransport", "A-ASSOCIATE rejected"], h.Host.Calls);
    }

    [Theory]
    [InlineData(PduType.AAssociateRq)]
    [InlineData(PduType.PDataTf)]
    [InlineData(PduType.AReleaseRq)]
    [InlineData(PduType.AReleaseRp)]
    public async Task OtherPdusAbort_Aa8(PduType type)
    {
        using var h = StateMachineHarness.In(AssociationState.Sta5);
        await h.Receive(StateMachineHarness.AllPdus.First(p => p.Type == type));
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), Assert.Single(h.Host.Sent));
    }

    [Fact]
    public async Task Evt15LocalAbort_Aa1()
    {
        using var h = StateMachineHarness.In(AssociationState.Sta5);
        await h.Machine.AbortAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.True(h.Machine.IsArtimRunning);
    }
}
