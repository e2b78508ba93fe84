using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dimse.Association;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.PData;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;
using Tessera.Dimse.Transport;

namespace Tessera.Dimse.Network;

/// <summary>
/// One association over a duplex pipe, either side: one async receive loop feeds PDUs to the
/// <see cref="AssociationStateMachine"/>, P-DATA to the <see cref="DimseMessageAssembler"/>, requests to a
/// handler task, responses to the request that awaits them. No thread or polled queue per association.
/// </summary>
public sealed class DicomAssociation : IAssociationHost, IAsyncDisposable
{
    /// <summary>Refused requests whose responses are not sent yet beyond which the peer is aborted.</summary>
    private const int MaxRefusalsInFlight = 16;

    private readonly PipeReader _reader;
    private readonly PduWriter _writer;
    private readonly Action _closeTransport;
    private readonly AssociationStateMachine _machine;
    private readonly DicomAssociationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IDimseRequestHandler? _requestHandler;
    private readonly IAssociationAcceptor? _acceptor;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<ushort, DimseOperation> _pending = new();
    private readonly PerformedOperations _performing = new();
    private readonly ConcurrentDictionary<Task, bool> _handlerTasks = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DimseMessageAssembler? _assembler;
    private Dictionary<byte, AcceptedPresentationContext> _contexts = [];
    private PDataFragmenter? _fragmenter;
    private SemaphoreSlim? _invokeSlots;
    private int _windowExceeded;
    private volatile bool _transportClosed;

    /// <summary>1 once <see cref="CloseTransport"/> has begun.</summary>
    private int _closing;
    private int _nextMessageId;
    private string _endReason = "released";

    internal DicomAssociation(
        IDuplexPipe transport,
        Action closeTransport,
        AssociationRole role,
        DicomAssociationOptions options,
        EndPoint? remoteEndPoint,
        IAssociationAcceptor? acceptor,
        IDimseRequestHandler? requestHandler,
        TimeProvider? timeProvider,
        ILogger? logger)
    {
        _reader = transport.Input;
        _writer = new PduWriter(transport.Output);
        _closeTransport = closeTransport;
        _options = options;
        RemoteEndPoint = remoteEndPoint;
        _acceptor = acceptor;
        _requestHandler = requestHandler;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _machine = new AssociationStateMachine(this, role, options.ArtimTimeout, _timeProvider, _logger);
    }

    public EndPoint? RemoteEndPoint { get; }

    public AssociationState State => _machine.State;

    public AAssociateRq? Request { get; private set; }

    public AAssociateAc? Accept { get; private set; }

    public AssociationInfo? Info { get; private set; }

    public IReadOnlyCollection<AcceptedPresentationContext> PresentationContexts => _contexts.Values;

    /// <summary>The asynchronous operations windows agreed (PS3.7 D.3.3.3), from this side; 1 and 1 until established.</summary>
    public OperationsWindow OperationsWindow { get; private set; } = OperationsWindow.Synchronous;

    /// <summary>Completes when the association is established; faults when it is rejected or lost first.</summary>
    public Task Established => _established.Task;

    /// <summary>
    /// The receive loop. The acceptor side starts in Sta1 with an incoming connection (Evt5); the requestor
    /// side calls it after <see cref="RequestAsync"/> has sent the A-ASSOCIATE-RQ.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var ct = linked.Token;
        var framer = new PduFramer(_reader, _options.MaxReceivedPduLength);
        try
        {
            if (_machine.Role == AssociationRole.Acceptor)
            {
                await _machine.TransportConnectionIndicationAsync(ct).ConfigureAwait(false);
            }

            while (_machine.State != AssociationState.Sta1)
            {
                var frame = await ReadFrameAsync(framer, ct).ConfigureAwait(false);
                if (frame is not { } bytes)
                {
                    continue;
                }

                try
                {
                    var pdu = PduDecoder.Decode(bytes);
                    await _machine.PduReceivedAsync(pdu, ct).ConfigureAwait(false);
                }
                catch (PduDecodeException ex)
                {
                    _logger.InvalidPdu(RemoteEndPoint, _machine.State, ex.Reason, ex.Message);
                    await _machine.InvalidPduReceivedAsync(ex, ct).ConfigureAwait(false);
                }
                catch (DimseProtocolException ex)
                {
                    _logger.DimseProtocolError(RemoteEndPoint, ex.Message);
                    _endReason = ex.Message;
                    await AbortCoreAsync(ct).ConfigureAwait(false);
                }
                finally
                {
                    framer.Advance();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _transportClosed)
        {
            _endReason = _transportClosed ? _endReason : "server stopping";
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException || (ex is InvalidOperationException && _transportClosed))
        {
            // A send failed because the peer vanished mid-exchange: the transport is gone, which ends the association.
            _logger.TransportError(RemoteEndPoint, ex.Message);
            _endReason = ex.Message;
        }
        finally
        {
            await ShutdownAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Requestor: sends the A-ASSOCIATE-RQ over the already open transport (Evt1, Evt2).</summary>
    internal async Task RequestAsync(AAssociateRq request, CancellationToken cancellationToken)
    {
        Request = request;
        Info = new AssociationInfo(request.CallingAETitle, request.CalledAETitle, RemoteEndPoint);
        await _machine.RequestAssociationAsync(request, cancellationToken).ConfigureAwait(false);
        await _machine.TransportConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request and waits for its final response within the DIMSE timeout; pending responses are drained.</summary>
    public async Task<IncomingDimseMessage> SendRequestAsync(DimseCommand request, Stream? dataSet, CancellationToken cancellationToken)
    {
        var operation = await StartRequestAsync(request, dataSet, null, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var response = await NextResponseAsync(operation, cancellationToken).ConfigureAwait(false);
                if (!IsPendingResponse(response))
                {
                    return response;
                }

                if (response.DataSet is { } pendingData)
                {
                    await pendingData.CompleteAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            EndOperation(operation);
        }
    }

    /// <summary>True while the association lives; false once it is ending (handlers then stop without answering).</summary>
    internal CancellationToken Lifetime => _lifetime.Token;

    /// <summary>
    /// Sends a request on <paramref name="presentationContextId"/> (or the first context of its SOP class on which this side
    /// may invoke it) and registers for its responses; read them with <see cref="NextResponseAsync"/>, end with <see cref="EndOperation"/>.
    /// </summary>
    internal async Task<DimseOperation> StartRequestAsync(DimseCommand request, Stream? dataSet, byte? presentationContextId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contextId = presentationContextId ?? FindInvokingContext(request).Id;
        await WaitForInvokeSlotAsync(cancellationToken).ConfigureAwait(false);
        var id = (ushort)Interlocked.Increment(ref _nextMessageId);
        request.MessageID = id;
        var operation = new DimseOperation(id, contextId);
        _pending[id] = operation;
        try
        {
            await SendMessageAsync(contextId, request, dataSet, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            EndOperation(operation);
            throw;
        }

        return operation;
    }

    /// <summary>The next response of an operation, pending or final, within the DIMSE timeout.</summary>
    internal async Task<IncomingDimseMessage> NextResponseAsync(DimseOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.Responses.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(_options.DimseTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Threading.Channels.ChannelClosedException ex) when (ex.InnerException is { } reason)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(reason);
            throw;
        }
    }

    /// <summary>C-CANCEL-RQ for an operation in progress (PS3.7 9.3.2.3): same presentation context, no response of its own.</summary>
    internal Task SendCancelAsync(DimseOperation operation, CancellationToken cancellationToken) =>
        SendMessageAsync(operation.PresentationContextId, DimseCommands.CCancelRq(operation.MessageId), null, cancellationToken);

    internal void EndOperation(DimseOperation operation)
    {
        if (_pending.TryRemove(operation.MessageId, out _))
        {
            operation.Responses.Writer.TryComplete();
            _invokeSlots?.Release();
        }
    }

    /// <summary>Whether the peer cancelled the operation with this message ID (C-CANCEL-RQ received).</summary>
    internal bool IsCancelled(ushort messageId) => _performing.TryGet(messageId, out var operation) && operation.Cancel.IsCancellationRequested;

    /// <summary>
    /// Waits until fewer operations than the agreed window are outstanding on the peer (PS3.7 D.3.3.3); with the default
    /// window of 1 a second request waits for the first to complete instead of breaking the peer's expectations.
    /// </summary>
    private async ValueTask WaitForInvokeSlotAsync(CancellationToken cancellationToken)
    {
        var slots = _invokeSlots ?? throw new InvalidOperationException("The association is not established");
        if (slots.Wait(0, CancellationToken.None))
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        await slots.WaitAsync(linked.Token).ConfigureAwait(false);
    }

    private static bool IsPendingResponse(IncomingDimseMessage message) => new DimseStatus(message.Command.Status ?? 0).IsPending;

    internal AcceptedPresentationContext FindInvokingContext(DimseCommand request)
    {
        var sopClass = request.AffectedSOPClassUID ?? request.RequestedSOPClassUID;
        // The requestor invokes where it is SCU; the acceptor invokes C-STORE where the requestor took the SCP role (C-GET,
        // PS3.4 C.4.3), and N-EVENT-REPORT on the SOP class the requestor uses as SCU (Storage Commitment, PS3.4 J.3.3).
        Func<AcceptedPresentationContext, bool> mayInvoke = _machine.Role == AssociationRole.Requestor
            ? c => c.RequestorIsScu || (c.RequestorIsScp && request.CommandField == CommandField.NEventReportRq)
            : c => request.CommandField == CommandField.NEventReportRq ? c.RequestorIsScu : c.RequestorIsScp;
        return _contexts.Values.FirstOrDefault(c => c.AbstractSyntax == sopClass && mayInvoke(c))
            ?? throw new InvalidOperationException($"No accepted presentation context for {sopClass}");
    }

    /// <summary>
    /// Sends one message: its command, then its data set streamed in fragments. Messages never interleave. The final response
    /// to an operation the peer invoked frees its place in the window first, because the peer may send the next request the
    /// moment it reads the response.
    /// </summary>
    public Task SendMessageAsync(byte presentationContextId, DimseCommand command, Stream? dataSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.IsResponse)
        {
            _performing.Responding(command);
        }

        return SendCoreAsync(presentationContextId, command, dataSet, cancellationToken);
    }

    private async Task SendCoreAsync(byte presentationContextId, DimseCommand command, Stream? dataSet, CancellationToken cancellationToken)
    {
        var fragmenter = _fragmenter ?? throw new InvalidOperationException("The association is not established");
        command.HasDataSet = dataSet is not null;

        // A Pending response is followed by more responses, the final one last, before the peer says anything (a C-CANCEL
        // aside, whose ACK rides on them): its writes need not re-arm quick-ack mode. Scoped to this call's flow.
        SocketTuning.PeerAnswersNothing.Value = command.IsResponse && command.Status is { } status && new DimseStatus(status).IsPending;
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var pdu in fragmenter.Fragment(presentationContextId, true, new ReadOnlySequence<byte>(DimseCommandCodec.Encode(command))))
            {
                // A command with a data set goes out together with the start of the data set.
                await _machine.SendPDataAsync(dataSet is null ? pdu : pdu with { MoreFollows = true }, cancellationToken).ConfigureAwait(false);
            }

            if (dataSet is not null)
            {
                await fragmenter.SendAsync(presentationContextId, false, dataSet, _machine.SendPDataAsync, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Requestor: A-RELEASE, waiting for the A-RELEASE-RP (Evt11, then AR-3).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _machine.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        await _released.Task.WaitAsync(_options.DimseTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A-ABORT (Evt15) when there is an association to abort; the transport closes when the peer does or ARTIM expires.</summary>
    public async Task AbortAsync(CancellationToken cancellationToken)
    {
        _endReason = "aborted locally";
        await AbortCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        CloseTransport();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _machine.Dispose();
        _writer.Dispose();
        _sendGate.Dispose();
        _invokeSlots?.Dispose();
        _lifetime.Dispose();
    }

    ValueTask IAssociationHost.SendPduAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        var write = _writer.WriteAsync(pdu, cancellationToken);
        return write.IsCompletedSuccessfully ? write : SendSlowlyAsync(write);
    }

    /// <summary>
    /// A write the socket cannot take at once: a peer that stops reading fills the buffers and would hold every later send,
    /// the A-ABORT included, for good. When it has not gone within the DIMSE timeout the transport is closed, which fails it.
    /// </summary>
    private async ValueTask SendSlowlyAsync(ValueTask write)
    {
        using var deadline = _timeProvider.CreateTimer(_ => OnSendTimeout(), null, _options.DimseTimeout, Timeout.InfiniteTimeSpan);
        await write.ConfigureAwait(false);
    }

    private void OnSendTimeout()
    {
        _logger.SendTimeout(RemoteEndPoint, _options.DimseTimeout);
        _endReason = $"the peer took nothing sent for {_options.DimseTimeout}";
        try
        {
            CloseTransport();
        }
        catch (ObjectDisposedException)
        {
            // The association was disposed meanwhile, its transport closed with it. Nothing thrown on a timer thread may
            // take the process down.
        }
    }

    ValueTask IAssociationHost.OpenTransportAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Closes the transport and wakes the receive loop.</summary>
    public void CloseTransport()
    {
        // Once, whichever thread comes first: a send timeout's timer and the association's own shutdown can both close, and
        // the second would cancel a write on a pipe the first completed (ObjectDisposedException on a timer thread, which
        // ends the process; seen once in a CI run).
        if (_transportClosed || Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _transportClosed = true;
        _reader.CancelPendingRead();
        _writer.CancelPendingWrite();
        _closeTransport();
    }

    AAssociateRj? IAssociationHost.CheckAssociateRequest(AAssociateRq request) => _acceptor?.CheckProvider(request);

    async ValueTask IAssociationHost.OnAssociateIndicationAsync(AAssociateRq request, CancellationToken cancellationToken)
    {
        Request = request;
        Info = new AssociationInfo(request.CallingAETitle, request.CalledAETitle, RemoteEndPoint);
        var answer = _acceptor?.Decide(this, request)
            ?? new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.UserNoReasonGiven);
        if (answer is AAssociateAc accept)
        {
            Establish(request, accept, PresentationContextNegotiator.ReadAccept(request, accept));
            _logger.Accepted(request.CallingAETitle, request.CalledAETitle, RemoteEndPoint, _contexts.Count, request.PresentationContexts.Count);
            await _machine.AcceptAsync(accept, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _logger.Rejected(request.CallingAETitle, request.CalledAETitle, RemoteEndPoint, answer);
            _endReason = "rejected";
            await _machine.RejectAsync((AAssociateRj)answer, cancellationToken).ConfigureAwait(false);
        }
    }

    ValueTask IAssociationHost.OnAssociateAcceptedAsync(AAssociateAc accept, CancellationToken cancellationToken)
    {
        Establish(Request!, accept, PresentationContextNegotiator.ReadAccept(Request!, accept));
        return ValueTask.CompletedTask;
    }

    ValueTask IAssociationHost.OnAssociateRejectedAsync(AAssociateRj reject, CancellationToken cancellationToken)
    {
        _endReason = "rejected";
        _established.TrySetException(new DicomAssociationRejectedException(reject));
        return ValueTask.CompletedTask;
    }

    ValueTask IAssociationHost.OnPDataIndicationAsync(PDataTf data, CancellationToken cancellationToken) =>
        (_assembler ?? throw new DimseProtocolException("P-DATA before the association was established")).OnPDataAsync(data, cancellationToken);

    async ValueTask IAssociationHost.OnReleaseIndicationAsync(bool collision, CancellationToken cancellationToken)
    {
        // Every response must be sent before the A-RELEASE-RP (PS3.7 D.3.3: release follows the last response).
        await Task.WhenAll(_handlerTasks.Keys).WaitAsync(_options.DimseTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        await _machine.ReleaseResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    ValueTask IAssociationHost.OnReleaseConfirmedAsync(CancellationToken cancellationToken)
    {
        _released.TrySetResult();
        return ValueTask.CompletedTask;
    }

    async ValueTask IAssociationHost.OnAbortIndicationAsync(AbortIndication abort, CancellationToken cancellationToken)
    {
        _logger.AbortIndication(RemoteEndPoint, abort);
        _endReason = abort.Detail;
        await FailOutstandingAsync(new DicomAssociationAbortedException($"Association aborted: {abort.Detail}")).ConfigureAwait(false);
    }

    private void Establish(AAssociateRq request, AAssociateAc accept, IReadOnlyList<AcceptedPresentationContext> contexts)
    {
        Accept = accept;
        _contexts = contexts.ToDictionary(c => c.Id);
        var peerMax = (_machine.Role == AssociationRole.Acceptor ? request.UserInformation : accept.UserInformation).MaximumLength ?? 0;
        _fragmenter = new PDataFragmenter(peerMax is > 0 and <= PresentationDataValue.HeaderLength ? 0 : peerMax);
        OperationsWindow = OperationsWindowNegotiation.Agreed(_machine.Role, accept.UserInformation.AsynchronousOperationsWindow, _options.MaxOperationsInvoked, _options.MaxOperationsPerformed);
        _invokeSlots = new SemaphoreSlim(OperationsWindow.Invoked, OperationsWindow.Invoked);
        _assembler = new DimseMessageAssembler(_options.Assembly, OnMessageAsync, _contexts.ContainsKey);
        _established.TrySetResult();
    }

    private async ValueTask OnMessageAsync(IncomingDimseMessage message, CancellationToken cancellationToken)
    {
        var command = message.Command;
        if (command.IsResponse)
        {
            if (command.MessageIDBeingRespondedTo is { } id && _pending.TryGetValue(id, out var invoked))
            {
                await invoked.Responses.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }

            // A response nobody waits for (the requester gave up): drop its data set.
            if (message.DataSet is { } orphan)
            {
                await orphan.CompleteAsync().ConfigureAwait(false);
            }

            return;
        }

        if (command.CommandField == CommandField.CCancelRq)
        {
            // A C-CANCEL names an operation in progress by its message ID, which the receive loop registered before this
            // message could arrive; one that has ended already is ignored (PS3.7 9.3.2.3).
            if (command.MessageIDBeingRespondedTo is { } cancelled && _performing.TryGet(cancelled, out var target))
            {
                await target.RequestCancelAsync().ConfigureAwait(false);
            }

            return;
        }

        var messageId = command.MessageID ?? 0;
        Task task;
        if (_performing.TryStart(messageId, OperationsWindow.Performed, _lifetime.Token, out var performed) is { } refused)
        {
            if (Interlocked.Exchange(ref _windowExceeded, 1) == 0)
            {
                _logger.OperationRefused(RemoteEndPoint, refused.Comment);
            }

            // Refusals are answered on tasks too; a peer that keeps sending and reads nothing would pile them up.
            if (_performing.RefusalsInFlight > MaxRefusalsInFlight)
            {
                throw new DimseProtocolException($"{MaxRefusalsInFlight} refused requests unanswered: the peer ignores the asynchronous operations window");
            }

            task = Task.Run(() => RefuseAsync(message, refused.Status, refused.Comment), CancellationToken.None);
        }
        else if (command.CommandField is CommandField.CStoreRq or CommandField.CEchoRq)
        {
            // A C-STORE starts here, on the receive thread: its handler opens its file and waits for the data set, which it
            // then writes piece by piece as this loop hands it over (DimseMessageAssembler). Started on the thread pool, it
            // began after its data set had arrived whole (the pipe holds 1 MiB), so the file was created and written only
            // then: tessera receive answered 1-2 ms after the last byte, storescp 0.4 ms. A C-ECHO is answered at once,
            // without a thread to wake.
            task = HandleRequestAsync(message, messageId, performed!);
        }
        else
        {
            // Other requests may search or retrieve at length before they first wait: on the thread pool, so the receive
            // loop stays free for a C-CANCEL or the next request.
            task = Task.Run(() => HandleRequestAsync(message, messageId, performed!), CancellationToken.None);
        }

        _handlerTasks[task] = true;
        _ = task.ContinueWith(t => _handlerTasks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RefuseAsync(IncomingDimseMessage message, DimseStatus status, string comment)
    {
        try
        {
            if (message.DataSet is { } dataSet)
            {
                // The response goes after the whole request.
                await DicomServiceDispatcher.DrainAsync(dataSet, _lifetime.Token).ConfigureAwait(false);
            }

            await SendCoreAsync(message.PresentationContextId, DimseCommands.FailureResponse(message.Command, status, comment), null, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DicomAssociationAbortedException or IOException or AssociationStateException or InvalidOperationException)
        {
            // The association is ending; nothing can be answered.
        }
        finally
        {
            _performing.RefusalAnswered();
            if (message.DataSet is { } dataSet)
            {
                await dataSet.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task HandleRequestAsync(IncomingDimseMessage message, ushort messageId, PerformedOperation operation)
    {
        var command = message.Command;
        var operationCancel = operation.Cancel;
        try
        {
            if (_requestHandler is null)
            {
                await SendMessageAsync(message.PresentationContextId, DimseCommands.FailureResponse(command, DimseStatus.UnrecognizedOperation, "No service for this request"), null, _lifetime.Token).ConfigureAwait(false);
                return;
            }

            await _requestHandler.HandleAsync(this, message, operationCancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DicomAssociationAbortedException or IOException or AssociationStateException)
        {
            // The association is ending; nothing can be answered.
        }
        finally
        {
            _performing.End(messageId, operation);
            operation.Dispose();
            if (message.DataSet is { } dataSet)
            {
                await dataSet.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one frame with the timeout of the current state; null means "loop again" (the state changed).</summary>
    private async Task<ReadOnlySequence<byte>?> ReadFrameAsync(PduFramer framer, CancellationToken ct)
    {
        var state = _machine.State;

        // Sta2 and Sta13 are guarded by ARTIM; elsewhere a message in progress gets the DIMSE timeout, an idle association the
        // idle timeout, and one whose requests this side is still performing the DIMSE timeout as a slice (see below).
        TimeSpan? timeout = state switch
        {
            AssociationState.Sta2 or AssociationState.Sta13 => null,
            AssociationState.Sta6 when BetweenMessages(framer) && _pending.IsEmpty && _handlerTasks.IsEmpty => _options.IdleTimeout,
            _ => _options.DimseTimeout,
        };
        using var timer = timeout is { } t ? new CancellationTokenSource(t, _timeProvider) : null;
        using var linked = timer is null ? null : CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            var frame = await framer.ReadAsync(linked?.Token ?? ct).ConfigureAwait(false);
            if (frame is null)
            {
                _endReason = framer.EndedMidPdu ? "peer closed the connection in the middle of a PDU" : _endReason;
                await TransportClosedAsync(ct).ConfigureAwait(false);
            }

            return frame;
        }
        catch (PduDecodeException ex)
        {
            // A framing error leaves the stream unparseable: send the A-ABORT, then only wait for the close.
            _logger.InvalidPdu(RemoteEndPoint, state, ex.Reason, ex.Message);
            _endReason = ex.Message;
            await _machine.InvalidPduReceivedAsync(ex, ct).ConfigureAwait(false);
            await DrainUntilClosedAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (timer is { IsCancellationRequested: true } && !ct.IsCancellationRequested
            && _machine.State == AssociationState.Sta6 && BetweenMessages(framer) && !_handlerTasks.IsEmpty)
        {
            // The peer owes nothing while its requests are performed: a C-MOVE of a large study or a slow C-FIND may take
            // longer than the DIMSE timeout, its requestor rightly silent. Wait on; a sub-operation's own response wait has
            // its own timeout.
            return null;
        }
        catch (OperationCanceledException) when (timer is { IsCancellationRequested: true } && !ct.IsCancellationRequested)
        {
            _logger.ReadTimeout(RemoteEndPoint, timeout!.Value, state);
            _endReason = $"no PDU for {timeout}";
            await AbortCoreAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (_transportClosed)
        {
            await TransportClosedAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            _logger.TransportError(RemoteEndPoint, ex.Message);
            _endReason = ex.Message;
            await TransportClosedAsync(ct).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>No message and no PDU is partly received: what comes next starts a new one.</summary>
    private bool BetweenMessages(PduFramer framer) => _assembler is { IsReceivingDataSet: false } && !framer.HasPartialPdu;

    private async Task TransportClosedAsync(CancellationToken ct)
    {
        _transportClosed = true;
        if (_machine.State != AssociationState.Sta1)
        {
            await _machine.TransportClosedAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task DrainUntilClosedAsync(CancellationToken ct)
    {
        while (!_transportClosed)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                break;
            }

            _reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                break;
            }
        }

        await TransportClosedAsync(ct).ConfigureAwait(false);
    }

    private async Task AbortCoreAsync(CancellationToken ct)
    {
        var state = _machine.State;
        if (StateTransitionTable.Lookup(state, AssociationEvent.Evt15) is not null)
        {
            await _machine.AbortAsync(ct).ConfigureAwait(false);
        }
        else if (state != AssociationState.Sta13)
        {
            CloseTransport();
        }

        await FailOutstandingAsync(new DicomAssociationAbortedException($"Association aborted: {_endReason}")).ConfigureAwait(false);
    }

    private async Task FailOutstandingAsync(Exception reason)
    {
        _established.TrySetException(reason);
        _released.TrySetException(reason);
        foreach (var operation in _pending.Values)
        {
            operation.Responses.Writer.TryComplete(reason);
        }

        if (_assembler is { } assembler)
        {
            await assembler.AbortAsync(reason).ConfigureAwait(false);
        }
    }

    private async Task ShutdownAsync()
    {
        _logger.Ended(RemoteEndPoint, _machine.State, _endReason);
        CloseTransport();
        await FailOutstandingAsync(new DicomAssociationAbortedException($"Association ended: {_endReason}")).ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_handlerTasks.Keys).WaitAsync(_options.DimseTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A handler ignoring cancellation must not keep the association object alive forever.
        }
    }
}
