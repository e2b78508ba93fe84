using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>Properties that hold across the whole of PS3.8 Table 9-10.</summary>
public sealed class EveryStateTests
{
    public static TheoryData<AssociationState> ConnectedStates() =>
    [
        AssociationState.Sta2, AssociationState.Sta3, AssociationState.Sta5, AssociationState.Sta6, AssociationState.Sta7,
        AssociationState.Sta8, AssociationState.Sta9, AssociationState.Sta10, AssociationState.Sta11, AssociationState.Sta12, AssociationState.Sta13,
    ];

    [Theory]
    [MemberData(nameof(ConnectedStates))]
    public async Task AnAbortInEveryStateEndsIdleWithTheTransportClosed(AssociationState state)
    {
        using var h = StateMachineHarness.In(state);
        await h.Receive(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified));
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.False(h.Host.TransportOpen);
        Assert.False(h.Machine.IsArtimRunning);
        Assert.Empty(h.Host.Sent);
    }

    [Theory]
    [MemberData(nameof(ConnectedStates))]
    public async Task TransportLossInEveryStateEndsIdle(AssociationState state)
    {
        using var h = StateMachineHarness.In(state);
        await h.Machine.TransportClosedAsync(CancellationToken.None);
        Assert.Equal(AssociationState.Sta1, h.State);
        Assert.Equal(0, h.Time.ActiveTimers);
    }

    [Theory]
    [MemberData(nameof(ConnectedStates))]
    public async Task AnInvalidPduInEveryStateSendsAnAbortAndAwaitsClose(AssociationState state)
    {
        using var h = StateMachineHarness.In(state);
        await h.ReceiveInvalid();
        Assert.Equal(AssociationState.Sta13, h.State);
        Assert.IsType<AAbort>(Assert.Single(h.Host.Sent));
        Assert.True(h.Machine.IsArtimRunning);
        h.Time.Advance(StateMachineHarness.Artim);
        Assert.Equal(AssociationState.Sta1, h.State);
    }

    [Theory]
    [MemberData(nameof(ConnectedStates))]
    public async Task EveryReceivablePduHasATransitionInEveryConnectedState(AssociationState state)
    {
        foreach (var pdu in StateMachineHarness.AllPdus)
        {
            using var h = StateMachineHarness.In(state);
            await h.Receive(pdu);
        }
    }

    [Fact]
    public void TableHasARowPerEventAndAColumnPerState()
    {
        foreach (var evt in Enum.GetValues<AssociationEvent>())
        {
            foreach (var state in Enum.GetValues<AssociationState>())
            {
                if (StateTransitionTable.Lookup(state, evt) is { } action)
                {
                    _ = StateTransitionTable.NextState(action);
                }
            }
        }

        Assert.Equal(AssociationAction.Ae6, StateTransitionTable.Lookup(AssociationState.Sta2, AssociationEvent.Evt6));
        Assert.Equal(AssociationAction.Ar10, StateTransitionTable.Lookup(AssociationState.Sta10, AssociationEvent.Evt13));
        Assert.Null(StateTransitionTable.Lookup(AssociationState.Sta1, AssociationEvent.Evt10));
    }
}
