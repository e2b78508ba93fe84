using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Association;

/// <summary>
/// The DICOM Upper Layer protocol machine of PS3.8 9.2: <see cref="StateTransitionTable"/> picks the action
/// for (state, event); this class performs it. It owns no socket: every effect goes through
/// <see cref="IAssociationHost"/>, so each state is testable with a recording host.
/// </summary>
/// <remarks>
/// Transitions are serialized by one lock. PDUs that change state are sent under it, so an A-ABORT can never
/// overtake the PDU whose transition preceded it; P-DATA (DT-1, AR-7) is sent after it is released, because a
/// large write blocked by a slow peer must not stop the receive loop from delivering that peer's PDUs.
/// Indications run after the lock is released (see <see cref="IAssociationHost"/>).
/// </remarks>
public sealed class AssociationStateMachine : IDisposable
{
    private readonly IAssociationHost _host;
    private readonly AssociationRole _role;
    private readonly TimeSpan _artimTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITimer? _artim;
    private long _artimGeneration;
    private AAssociateRq? _pendingRequest;

    public AssociationStateMachine(IAssociationHost host, AssociationRole role, TimeSpan artimTimeout, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _host = host;
        _role = role;
        _artimTimeout = artimTimeout;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    public AssociationState State { get; private set; } = AssociationState.Sta1;

    public AssociationRole Role => _role;

    /// <summary>Whether the ARTIM timer (PS3.8 9.1.5) is running.</summary>
    public bool IsArtimRunning => _artim is not null;

    /// <summary>Evt1: the local user requests an association (requestor side).</summary>
    public ValueTask RequestAssociationAsync(AAssociateRq request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DispatchAsync(AssociationEvent.Evt1, request, null, cancellationToken);
    }

    /// <summary>Evt2: the transport connection opened after AE-1.</summary>
    public ValueTask TransportConnectedAsync(CancellationToken cancellationToken) => DispatchAsync(AssociationEvent.Evt2, null, null, cancellationToken);

    /// <summary>Evt5: an incoming transport connection (acceptor side).</summary>
    public ValueTask TransportConnectionIndicationAsync(CancellationToken cancellationToken) => DispatchAsync(AssociationEvent.Evt5, null, null, cancellationToken);

    /// <summary>Evt3, Evt4, Evt6, Evt10, Evt12, Evt13 or Evt16, by the PDU's type.</summary>
    public ValueTask PduReceivedAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var evt = pdu.Type switch
        {
            PduType.AAssociateAc => AssociationEvent.Evt3,
            PduType.AAssociateRj => AssociationEvent.Evt4,
            PduType.AAssociateRq => AssociationEvent.Evt6,
            PduType.PDataTf => AssociationEvent.Evt10,
            PduType.AReleaseRq => AssociationEvent.Evt12,
            PduType.AReleaseRp => AssociationEvent.Evt13,
            PduType.AAbort => AssociationEvent.Evt16,
            _ => throw new ArgumentOutOfRangeException(nameof(pdu), pdu.Type, null),
        };
        return DispatchAsync(evt, pdu, null, cancellationToken);
    }

    /// <summary>Evt19: an unrecognized or invalid PDU; <paramref name="error"/> gives the A-ABORT reason.</summary>
    public ValueTask InvalidPduReceivedAsync(PduDecodeException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return DispatchAsync(AssociationEvent.Evt19, null, error, cancellationToken);
    }

    /// <summary>Evt7: the local user accepts the association.</summary>
    public ValueTask AcceptAsync(AAssociateAc accept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accept);
        return DispatchAsync(AssociationEvent.Evt7, accept, null, cancellationToken);
    }

    /// <summary>Evt8: the local user rejects the association.</summary>
    public ValueTask RejectAsync(AAssociateRj reject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reject);
        return DispatchAsync(AssociationEvent.Evt8, reject, null, cancellationToken);
    }

    /// <summary>Evt9: send a P-DATA-TF.</summary>
    public ValueTask SendPDataAsync(PDataTf data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DispatchAsync(AssociationEvent.Evt9, data, null, cancellationToken);
    }

    /// <summary>Evt11: the local user requests release.</summary>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken) => DispatchAsync(AssociationEvent.Evt11, null, null, cancellationToken);

    /// <summary>Evt14: the local user answers a release indication.</summary>
    public ValueTask ReleaseResponseAsync(CancellationToken cancellationToken) => DispatchAsync(AssociationEvent.Evt14, null, null, cancellationToken);

    /// <summary>Evt15: the local user aborts.</summary>
    public ValueTask AbortAsync(CancellationToken cancellationToken) => DispatchAsync(AssociationEvent.Evt15, null, null, cancellationToken);

    /// <summary>Evt17: the transport connection closed.</summary>
    public ValueTask TransportClosedAsync(CancellationToken cancellationToken) => DispatchAsync(AssociationEvent.Evt17, null, null, cancellationToken);

    public void Dispose()
    {
        StopArtim();
        _gate.Dispose();
    }

    private async ValueTask DispatchAsync(AssociationEvent evt, Pdu? pdu, PduDecodeException? error, CancellationToken cancellationToken)
    {
        Func<CancellationToken, ValueTask>? after;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            after = await TransitionAsync(evt, pdu, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        if (after is not null)
        {
            await after(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Performs the action under the lock; returns the part that must run after it (indications, P-DATA sends).</summary>
    private async ValueTask<Func<CancellationToken, ValueTask>?> TransitionAsync(AssociationEvent evt, Pdu? pdu, PduDecodeException? error, CancellationToken cancellationToken)
    {
        var state = State;
        var action = StateTransitionTable.Lookup(state, evt) ?? throw new AssociationStateException(state, evt);
        var next = StateTransitionTable.NextState(action);
        Func<CancellationToken, ValueTask>? after = null;
        switch (action)
        {
            case AssociationAction.Ae1:
                _pendingRequest = (AAssociateRq)pdu!;
                after = _host.OpenTransportAsync;
                break;
            case AssociationAction.Ae2:
                await _host.SendPduAsync(_pendingRequest!, cancellationToken).ConfigureAwait(false);
                break;
            case AssociationAction.Ae3:
                var accept = (AAssociateAc)pdu!;
                after = ct => _host.OnAssociateAcceptedAsync(accept, ct);
                break;
            case AssociationAction.Ae4:
                var reject = (AAssociateRj)pdu!;
                _host.CloseTransport();
                after = ct => _host.OnAssociateRejectedAsync(reject, ct);
                break;
            case AssociationAction.Ae5:
                StartArtim();
                break;
            case AssociationAction.Ae6:
                StopArtim();
                var request = (AAssociateRq)pdu!;
                if (_host.CheckAssociateRequest(request) is { } providerReject)
                {
                    _logger.ProviderReject(request.CallingAETitle, request.CalledAETitle, providerReject.Result, providerReject.Source, providerReject.Reason);
                    await _host.SendPduAsync(providerReject, cancellationToken).ConfigureAwait(false);
                    StartArtim();
                    next = AssociationState.Sta13;
                }
                else
                {
                    after = ct => _host.OnAssociateIndicationAsync(request, ct);
                }

                break;
            case AssociationAction.Ae7:
            case AssociationAction.Ar1:
            case AssociationAction.Ar9:
                await _host.SendPduAsync(action == AssociationAction.Ae7 ? pdu! : action == AssociationAction.Ar1 ? new AReleaseRq() : new AReleaseRp(), cancellationToken).ConfigureAwait(false);
                break;
            case AssociationAction.Ae8:
                await _host.SendPduAsync(pdu!, cancellationToken).ConfigureAwait(false);
                StartArtim();
                break;
            case AssociationAction.Dt1:
            case AssociationAction.Ar7:
                var outgoing = pdu!;
                after = ct => _host.SendPduAsync(outgoing, ct);
                break;
            case AssociationAction.Dt2:
            case AssociationAction.Ar6:
                var incoming = (PDataTf)pdu!;
                after = ct => _host.OnPDataIndicationAsync(incoming, ct);
                break;
            case AssociationAction.Ar2:
                after = ct => _host.OnReleaseIndicationAsync(false, ct);
                break;
            case AssociationAction.Ar3:
                _host.CloseTransport();
                after = _host.OnReleaseConfirmedAsync;
                break;
            case AssociationAction.Ar4:
                await _host.SendPduAsync(new AReleaseRp(), cancellationToken).ConfigureAwait(false);
                StartArtim();

                // PS3.8 leaves closing to the requestor (AR-3), with ARTIM as the acceptor's guard.
                // Nothing can follow an A-RELEASE-RP, and peers such as dcmjs-dimse wait for the
                // acceptor to close (as DCMTK's acceptors do), so close now rather than stall them
                // until ARTIM expires. The read loop then reports Evt17 and AR-5 ends in Sta1.
                _host.CloseTransport();
                break;
            case AssociationAction.Ar5:
            case AssociationAction.Aa5:
                StopArtim();
                break;
            case AssociationAction.Ar8:
                next = _role == AssociationRole.Requestor ? AssociationState.Sta9 : AssociationState.Sta10;
                after = ct => _host.OnReleaseIndicationAsync(true, ct);
                break;
            case AssociationAction.Ar10:
                after = _host.OnReleaseConfirmedAsync;
                break;
            case AssociationAction.Aa1:
                if (evt != AssociationEvent.Evt15)
                {
                    _logger.ProtocolAbort(state, evt, AbortReason.ReasonNotSpecified, error?.Message ?? $"{pdu?.Type} before A-ASSOCIATE-RQ");
                }

                await _host.SendPduAsync(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified), cancellationToken).ConfigureAwait(false);
                StartArtim();
                break;
            case AssociationAction.Aa2:
                if (evt == AssociationEvent.Evt18)
                {
                    _logger.ArtimExpired(state);
                }

                StopArtim();
                _host.CloseTransport();
                break;
            case AssociationAction.Aa3:
                var abort = (AAbort)pdu!;
                _host.CloseTransport();
                after = ct => _host.OnAbortIndicationAsync(new AbortIndication(abort.Source, abort.Reason, "A-ABORT received"), ct);
                break;
            case AssociationAction.Aa4:
                after = ct => _host.OnAbortIndicationAsync(new AbortIndication(AbortSource.ServiceProvider, AbortReason.ReasonNotSpecified, "Transport connection closed"), ct);
                break;
            case AssociationAction.Aa6:
                break;
            case AssociationAction.Aa7:
            case AssociationAction.Aa8:
                var reason = error?.Reason ?? AbortReason.UnexpectedPdu;
                var detail = error?.Message ?? $"{pdu?.Type} is unexpected in {state}";
                _logger.ProtocolAbort(state, evt, reason, detail);
                await _host.SendPduAsync(new AAbort(AbortSource.ServiceProvider, reason), cancellationToken).ConfigureAwait(false);
                if (action == AssociationAction.Aa8)
                {
                    StartArtim();
                    after = ct => _host.OnAbortIndicationAsync(new AbortIndication(AbortSource.ServiceProvider, reason, detail), ct);
                }

                break;
            default:
                throw new InvalidOperationException($"Action {action} has no implementation");
        }

        _logger.Transition(state, evt, action, next);
        State = next;
        return after;
    }

    private void StartArtim()
    {
        // "start (or restart if already started)", PS3.8 Table 9-9 AA-1.
        StopArtim();
        var generation = ++_artimGeneration;
        _artim = _timeProvider.CreateTimer(_ => _ = OnArtimExpiredAsync(generation), null, _artimTimeout, Timeout.InfiniteTimeSpan);
    }

    private void StopArtim()
    {
        _artimGeneration++;
        _artim?.Dispose();
        _artim = null;
    }

    private async Task OnArtimExpiredAsync(long generation)
    {
        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                // A timer stopped or restarted after it fired but before it got the lock is stale.
                if (generation != _artimGeneration || _artim is null)
                {
                    return;
                }

                await TransitionAsync(AssociationEvent.Evt18, null, null, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // The association ended while the timer fired.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.ArtimFailed(ex);
        }
    }
}
