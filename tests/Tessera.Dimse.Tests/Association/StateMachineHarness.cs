using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Association;

/// <summary>A machine with a recording host and a manual clock, brought into any state by the standard's own paths.</summary>
internal sealed class StateMachineHarness : IDisposable
{
    public static readonly TimeSpan Artim = TimeSpan.FromSeconds(30);

    public StateMachineHarness(AssociationRole role)
    {
        Machine = new AssociationStateMachine(Host, role, Artim, Time);
    }

    public RecordingHost Host { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public AssociationStateMachine Machine { get; }

    public AssociationState State => Machine.State;

    public static AAssociateRq Rq => new()
    {
        CalledAETitle = "SCP",
        CallingAETitle = "SCU",
        PresentationContexts = [new PresentationContextRq(1, DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])],
    };

    public static AAssociateAc Ac => new()
    {
        CalledAETitle = "SCP",
        CallingAETitle = "SCU",
        PresentationContexts = [new PresentationContextAc(1, PresentationContextResult.Acceptance, DimseUids.ImplicitVRLittleEndian)],
    };

    public static AAssociateRj Rj => new(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.CalledAETitleNotRecognized);

    public static PDataTf Data => new([new PresentationDataValue(1, true, true, (ReadOnlyMemory<byte>)new byte[] { 1, 2 })]);

    /// <summary>Every PDU a peer can send, for "in every state" tests.</summary>
    public static IEnumerable<Pdu> AllPdus => [Rq, Ac, Rj, Data, new AReleaseRq(), new AReleaseRp(), new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified)];

    public static StateMachineHarness In(AssociationState state, AssociationRole? role = null)
    {
        var h = new StateMachineHarness(role ?? DefaultRole(state));
        h.DriveTo(state);
        Assert.Equal(state, h.State);
        h.Host.Clear();
        return h;
    }

    public ValueTask Receive(Pdu pdu) => Machine.PduReceivedAsync(pdu, CancellationToken.None);

    public ValueTask ReceiveInvalid(AbortReason reason = AbortReason.UnrecognizedPdu) =>
        Machine.InvalidPduReceivedAsync(new PduDecodeException(reason, "test"), CancellationToken.None);

    public void Dispose() => Machine.Dispose();

    private static AssociationRole DefaultRole(AssociationState state) =>
        state is AssociationState.Sta4 or AssociationState.Sta5 or AssociationState.Sta9 or AssociationState.Sta11
            ? AssociationRole.Requestor
            : AssociationRole.Acceptor;

    private void DriveTo(AssociationState target)
    {
        var ct = CancellationToken.None;
        var requestor = Machine.Role == AssociationRole.Requestor;
        void Run(ValueTask task) => task.AsTask().GetAwaiter().GetResult();

        if (target == AssociationState.Sta1)
        {
            return;
        }

        if (requestor)
        {
            Run(Machine.RequestAssociationAsync(Rq, ct));
            if (target == AssociationState.Sta4)
            {
                return;
            }

            Run(Machine.TransportConnectedAsync(ct));
            if (target == AssociationState.Sta5)
            {
                return;
            }

            Run(Receive(Ac));
        }
        else
        {
            Run(Machine.TransportConnectionIndicationAsync(ct));
            if (target == AssociationState.Sta2)
            {
                return;
            }

            if (target == AssociationState.Sta13)
            {
                Run(ReceiveInvalid());
                return;
            }

            Run(Receive(Rq));
            if (target == AssociationState.Sta3)
            {
                return;
            }

            Run(Machine.AcceptAsync(Ac, ct));
        }

        switch (target)
        {
            case AssociationState.Sta6:
                return;
            case AssociationState.Sta8:
                Run(Receive(new AReleaseRq()));
                return;
        }

        Run(Machine.ReleaseAsync(ct));
        if (target == AssociationState.Sta7)
        {
            return;
        }

        Run(Receive(new AReleaseRq()));
        switch (target)
        {
            case AssociationState.Sta9 or AssociationState.Sta10:
                return;
            case AssociationState.Sta11:
                Run(Machine.ReleaseResponseAsync(ct));
                return;
            case AssociationState.Sta12:
                Run(Receive(new AReleaseRp()));
                return;
        }

        throw new ArgumentOutOfRangeException(nameof(target), target, "no path");
    }
}
