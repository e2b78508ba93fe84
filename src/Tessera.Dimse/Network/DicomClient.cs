using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dicom;
using Tessera.Dimse.Association;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.PData;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>A DICOM SCU: opens one association and issues requests on it. Async and cancellable throughout.</summary>
public sealed class DicomClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly DuplexPipe _transport;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ClientRequestHandler _requests;
    private readonly SemaphoreSlim _getGate = new(1, 1);
    private readonly InstanceReadAhead _readAhead = new();
    private Task _loop = Task.CompletedTask;

    private DicomClient(Socket socket, DicomAssociation association, ClientRequestHandler requests, Stream stream, DuplexPipe transport)
    {
        _socket = socket;
        Association = association;
        _requests = requests;
        _stream = stream;
        _transport = transport;
    }

    public DicomAssociation Association { get; }

    /// <summary>Connects, proposes the configured presentation contexts and waits for the A-ASSOCIATE-AC.</summary>
    public static async Task<DicomClient> ConnectAsync(DicomClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            SocketTuning.Apply(socket);
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(options.ConnectTimeout);
                await SocketConnect.ConnectAsync(socket, options.Host, options.Port, connectTimeout.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Stream stream = new QuickAckNetworkStream(socket);
        if (options.Tls is { } tls)
        {
            stream = await AuthenticateAsync(stream, tls, options, cancellationToken).ConfigureAwait(false);
        }

        var transport = new DuplexPipe(
            ReceiveThread.Start(stream, options.Association.MaxReceivedPduLength),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
        var requests = new ClientRequestHandler(logger ?? NullLogger.Instance);
        var association = new DicomAssociation(
            transport,
            () => stream.Dispose(),
            AssociationRole.Requestor,
            options.Association,
            socket.RemoteEndPoint,
            acceptor: null,
            requestHandler: requests,
            timeProvider,
            logger ?? NullLogger.Instance);
        var client = new DicomClient(socket, association, requests, stream, transport);
        try
        {
            await association.RequestAsync(BuildRequest(options), cancellationToken).ConfigureAwait(false);
            client._loop = association.RunAsync(client._lifetime.Token);
            await association.Established.WaitAsync(options.Association.ArtimTimeout, timeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>C-ECHO (PS3.7 9.1.5).</summary>
    public async Task<DimseStatus> EchoAsync(CancellationToken cancellationToken)
    {
        var response = await Association.SendRequestAsync(DimseCommands.CEchoRq(0), null, cancellationToken).ConfigureAwait(false);
        return new DimseStatus(response.Command.Status ?? DimseStatus.CannotUnderstand.Code);
    }

    /// <summary>C-STORE (PS3.7 9.1.1): the data set is streamed from <paramref name="dataSet"/>, encoded in the context's transfer syntax.</summary>
    public async Task<DimseStatus> StoreAsync(string sopClassUid, string sopInstanceUid, Stream dataSet, CancellationToken cancellationToken)
    {
        var response = await Association.SendRequestAsync(DimseCommands.CStoreRq(0, sopClassUid, sopInstanceUid), dataSet, cancellationToken).ConfigureAwait(false);
        return new DimseStatus(response.Command.Status ?? DimseStatus.CannotUnderstand.Code);
    }

    /// <summary>
    /// C-STORE of an instance (PS3.7 9.1.1): in its stored transfer syntax when a context of its SOP class accepted it,
    /// else re-encoded into an accepted uncompressed syntax while it streams (a file's bulk data is never held in memory).
    /// </summary>
    /// <exception cref="NotSupportedException">No accepted context can carry it (e.g. compressed, and only native syntaxes accepted: a codec job).</exception>
    public Task<DimseStatus> StoreAsync(DicomInstanceSource instance, CancellationToken cancellationToken) => StoreAsync(instance, null, null, cancellationToken);

    /// <summary>C-STORE as a C-MOVE sub-operation, naming the move's originator (PS3.7 9.3.1.1: Move Originator AE Title and Message ID).</summary>
    public async Task<DimseStatus> StoreAsync(DicomInstanceSource instance, string? moveOriginatorAE, ushort? moveOriginatorMessageId, CancellationToken cancellationToken) =>
        (await StoreInstanceAsync(instance, moveOriginatorAE, moveOriginatorMessageId, cancellationToken).ConfigureAwait(false)).Status;

    /// <summary>
    /// C-STORE of an instance, as <see cref="StoreAsync(DicomInstanceSource, CancellationToken)"/>, answering the whole
    /// response: the status and the peer's Error Comment (0000,0902), which says why a refusal was one.
    /// </summary>
    /// <exception cref="NotSupportedException">No accepted context can carry it.</exception>
    public Task<StoreResponse> StoreInstanceAsync(DicomInstanceSource instance, string? moveOriginatorAE, ushort? moveOriginatorMessageId, CancellationToken cancellationToken) =>
        StoreInstanceAsync(instance, null, moveOriginatorAE, moveOriginatorMessageId, cancellationToken);

    /// <summary>
    /// C-STORE of an instance, as <see cref="StoreInstanceAsync(DicomInstanceSource, string?, ushort?, CancellationToken)"/>,
    /// preparing the one the caller stores next while this one's response is awaited.
    /// </summary>
    /// <param name="instance">The instance to store.</param>
    /// <param name="next">
    /// The instance the caller stores next on this client, when it sends one at a time and knows it: its context is chosen,
    /// its file opened and its first 512 KiB read while the peer files this one, so it goes out as soon as this response
    /// arrives. A next call for another instance discards that preparation.
    /// </param>
    /// <param name="moveOriginatorAE">The C-MOVE's originator, for a sub-operation (PS3.7 9.3.1.1).</param>
    /// <param name="moveOriginatorMessageId">The C-MOVE's Message ID, for a sub-operation.</param>
    /// <param name="cancellationToken">Cancels this store (not the preparation of the next).</param>
    /// <exception cref="NotSupportedException">No accepted context can carry it.</exception>
    public async Task<StoreResponse> StoreInstanceAsync(DicomInstanceSource instance, DicomInstanceSource? next, string? moveOriginatorAE, ushort? moveOriginatorMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var (transfer, reason) = await _readAhead.TakeAsync(instance, Association.PresentationContexts.Where(c => c.RequestorIsScu), cancellationToken).ConfigureAwait(false);
        if (transfer is null)
        {
            throw new NotSupportedException($"{instance.SopInstanceUid}: {reason}");
        }

        await using (transfer.ConfigureAwait(false))
        {
            var operation = await Association.StartRequestAsync(DimseCommands.CStoreRq(0, instance.SopClassUid, instance.SopInstanceUid, moveOriginatorAE: moveOriginatorAE, moveOriginatorMessageId: moveOriginatorMessageId), transfer.DataSet, transfer.Context.Id, cancellationToken).ConfigureAwait(false);
            if (next is not null)
            {
                _readAhead.Begin(next, Association.PresentationContexts.Where(c => c.RequestorIsScu));
            }

            try
            {
                var response = await Association.NextResponseAsync(operation, cancellationToken).ConfigureAwait(false);
                var comment = response.Command.ErrorComment?.TrimEnd('\0', ' ');
                return new StoreResponse(new DimseStatus(response.Command.Status ?? DimseStatus.CannotUnderstand.Code), string.IsNullOrEmpty(comment) ? null : comment);
            }
            finally
            {
                Association.EndOperation(operation);
            }
        }
    }

    /// <summary>C-STORE of a Part 10 file; see <see cref="StoreAsync(DicomInstanceSource, CancellationToken)"/>.</summary>
    public async Task<DimseStatus> StoreFileAsync(string path, CancellationToken cancellationToken) =>
        await StoreAsync(await DicomInstanceSource.FromFileAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// C-FIND (PS3.7 9.1.2, PS3.4 C.4.1): <paramref name="onMatch"/> gets each pending response's identifier as it arrives.
    /// When <paramref name="cancellationToken"/> fires, a C-CANCEL-RQ is sent and the final response still awaited
    /// (normally Cancel, FE00H); the result says so rather than throwing.
    /// </summary>
    public async Task<DimseResult> FindAsync(string sopClassUid, DicomDataset identifier, Func<DicomDataset, CancellationToken, ValueTask> onMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onMatch);
        var matches = 0;
        var result = await RunAsync(
            DimseCommands.CFindRq(0, sopClassUid),
            identifier,
            async (response, transferSyntax, ct) =>
            {
                if (response.DataSet is { } data)
                {
                    matches++;
                    await onMatch(await DimseDataSets.ReadAsync(data, transferSyntax, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return result with { Matches = matches };
    }

    /// <summary>C-FIND as an async stream of identifiers; the final status is not visible here (use the callback overload for it), a failure throws <see cref="DimseStatusException"/>.</summary>
    public async IAsyncEnumerable<DicomDataset> FindAsync(string sopClassUid, DicomDataset identifier, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<DicomDataset>();
        // Leaving the loop early cancels the operation: C-CANCEL-RQ, then the final response is awaited.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var find = Task.Run(
            async () =>
            {
                try
                {
                    var result = await FindAsync(sopClassUid, identifier, (d, ct) => channel.Writer.WriteAsync(d, ct), stop.Token).ConfigureAwait(false);
                    channel.Writer.Complete(result.Status.IsFailure ? new DimseStatusException(result) : null);
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var match in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return match;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await find.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// C-MOVE (PS3.7 9.1.4, PS3.4 C.4.2) to <paramref name="destinationAE"/>: <paramref name="progress"/> gets the counts of
    /// each pending response; the result has the final counts and the Failed SOP Instance UID List. Cancellation as for C-FIND.
    /// </summary>
    public Task<DimseResult> MoveAsync(string sopClassUid, string destinationAE, DicomDataset identifier, IProgress<SubOperationCounts>? progress, CancellationToken cancellationToken) =>
        RunAsync(DimseCommands.CMoveRq(0, sopClassUid, destinationAE), identifier, (response, _, _) => Report(response, progress), cancellationToken);

    /// <summary>
    /// C-GET (PS3.7 9.1.3, PS3.4 C.4.3): the SCP sends the matching instances as C-STORE sub-operations on this association,
    /// each handed to <paramref name="store"/> as a stream; the storage SOP classes must have been proposed with the SCP
    /// role (<see cref="DicomPresentationContexts.ForGet"/>). One C-GET at a time per client.
    /// </summary>
    public async Task<DimseResult> GetAsync(string sopClassUid, DicomDataset identifier, IStoreHandler store, IProgress<SubOperationCounts>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await _getGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _requests.Store = store;
            return await RunAsync(DimseCommands.CGetRq(0, sopClassUid), identifier, (response, _, _) => Report(response, progress), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.Store = null;
            _getGate.Release();
        }
    }

    /// <summary>
    /// Handles N-EVENT-REPORT-RQs the peer sends on this association, e.g. the Storage Commitment result (PS3.4 J.3.3);
    /// without one they are answered Unrecognized Operation.
    /// </summary>
    public INServiceHandler? EventReportHandler
    {
        get => _requests.EventReports;
        set => _requests.EventReports = value;
    }

    /// <summary>N-ACTION (PS3.7 10.1.4), e.g. Request Storage Commitment (action type 1, PS3.4 J.3.2).</summary>
    public async Task<NServiceResponse> ActionAsync(string sopClassUid, string sopInstanceUid, ushort actionTypeId, DicomDataset? actionInformation, CancellationToken cancellationToken) =>
        await NRequestAsync(DimseCommands.NActionRq(0, sopClassUid, sopInstanceUid, actionTypeId, actionInformation is not null), actionInformation, cancellationToken).ConfigureAwait(false);

    /// <summary>N-EVENT-REPORT (PS3.7 10.1.1), sent by an SCP that initiated the association in the SCP role.</summary>
    public async Task<NServiceResponse> EventReportAsync(string sopClassUid, string sopInstanceUid, ushort eventTypeId, DicomDataset? eventInformation, CancellationToken cancellationToken) =>
        await NRequestAsync(DimseCommands.NEventReportRq(0, sopClassUid, sopInstanceUid, eventTypeId, eventInformation is not null), eventInformation, cancellationToken).ConfigureAwait(false);

    /// <summary>N-GET (PS3.7 10.1.2): the attributes listed, or all when <paramref name="attributes"/> is null.</summary>
    public async Task<NServiceResponse> NGetAsync(string sopClassUid, string sopInstanceUid, IReadOnlyList<DicomTag>? attributes, CancellationToken cancellationToken) =>
        await NRequestAsync(DimseCommands.NGetRq(0, sopClassUid, sopInstanceUid, attributes), null, cancellationToken).ConfigureAwait(false);

    /// <summary>N-SET (PS3.7 10.1.3).</summary>
    public async Task<NServiceResponse> NSetAsync(string sopClassUid, string sopInstanceUid, DicomDataset modifications, CancellationToken cancellationToken) =>
        await NRequestAsync(DimseCommands.NSetRq(0, sopClassUid, sopInstanceUid), modifications, cancellationToken).ConfigureAwait(false);

    /// <summary>N-CREATE (PS3.7 10.1.5); a null instance UID lets the SCP choose it (returned in the response).</summary>
    public async Task<NServiceResponse> NCreateAsync(string sopClassUid, string? sopInstanceUid, DicomDataset? attributes, CancellationToken cancellationToken) =>
        await NRequestAsync(DimseCommands.NCreateRq(0, sopClassUid, sopInstanceUid, attributes is not null), attributes, cancellationToken).ConfigureAwait(false);

    /// <summary>N-DELETE (PS3.7 10.1.6).</summary>
    public async Task<NServiceResponse> NDeleteAsync(string sopClassUid, string sopInstanceUid, CancellationToken cancellationToken) =>
        await NRequestAsync(DimseCommands.NDeleteRq(0, sopClassUid, sopInstanceUid), null, cancellationToken).ConfigureAwait(false);

    /// <summary>A-RELEASE and wait for the receive loop to end.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await Association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Association.State is not (AssociationState.Sta1 or AssociationState.Sta13))
        {
            try
            {
                await Association.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The connection is already gone.
            }
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or DicomAssociationAbortedException or TimeoutException)
        {
            // Disposal ends the association whatever state it was in.
        }

        await Association.DisposeAsync().ConfigureAwait(false);
        await _readAhead.DisposeAsync().ConfigureAwait(false);
        await _transport.Input.CompleteAsync().ConfigureAwait(false);
        await DuplexPipe.DiscardOutputAsync(_transport).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _lifetime.Dispose();
        _getGate.Dispose();
    }

    private async Task<NServiceResponse> NRequestAsync(DimseCommand request, DicomDataset? data, CancellationToken cancellationToken)
    {
        var context = Association.FindInvokingContext(request);
        using var encoded = data is null ? null : DimseDataSets.Encode(data, context.TransferSyntax);
        var operation = await Association.StartRequestAsync(request, encoded, context.Id, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await Association.NextResponseAsync(operation, cancellationToken).ConfigureAwait(false);
            var reply = response.DataSet is { } pipe ? await DimseDataSets.ReadAsync(pipe, context.TransferSyntax, cancellationToken).ConfigureAwait(false) : null;
            return new NServiceResponse(new DimseStatus(response.Command.Status ?? DimseStatus.CannotUnderstand.Code), reply, response.Command.AffectedSOPInstanceUID);
        }
        finally
        {
            Association.EndOperation(operation);
        }
    }

    private static async Task<Stream> AuthenticateAsync(Stream network, Transport.DicomTlsOptions tls, DicomClientOptions options, CancellationToken cancellationToken)
    {
        var ssl = new System.Net.Security.SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            var certificate = tls.CertificatePath is null ? null : Transport.DicomTls.LoadCertificate(tls);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await ssl.AuthenticateAsClientAsync(Transport.DicomTls.ClientOptions(tls, options.Host, certificate, Transport.DicomTls.LoadCaBundle(tls)), timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static ValueTask Report(IncomingDimseMessage response, IProgress<SubOperationCounts>? progress)
    {
        progress?.Report(CountsOf(response.Command));
        return response.DataSet?.CompleteAsync() ?? ValueTask.CompletedTask;
    }

    private static SubOperationCounts CountsOf(DimseCommand command) => new(
        command.NumberOfRemainingSuboperations ?? 0,
        command.NumberOfCompletedSuboperations ?? 0,
        command.NumberOfFailedSuboperations ?? 0,
        command.NumberOfWarningSuboperations ?? 0);

    /// <summary>One request with pending responses: each pending one to <paramref name="onPending"/>, C-CANCEL when the caller's token fires, the final one returned.</summary>
    private async Task<DimseResult> RunAsync(DimseCommand request, DicomDataset identifier, Func<IncomingDimseMessage, string, CancellationToken, ValueTask> onPending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        cancellationToken.ThrowIfCancellationRequested();
        var context = Association.FindInvokingContext(request);
        using var encoded = DimseDataSets.Encode(identifier, context.TransferSyntax);
        var lifetime = Association.Lifetime;
        var operation = await Association.StartRequestAsync(request, encoded, context.Id, lifetime).ConfigureAwait(false);
        var cancelSent = 0;
        try
        {
            await using var registration = cancellationToken.Register(() =>
            {
                if (Interlocked.Exchange(ref cancelSent, 1) == 0)
                {
                    _ = SendCancelQuietlyAsync(operation, lifetime);
                }
            }).ConfigureAwait(false);
            while (true)
            {
                var response = await Association.NextResponseAsync(operation, lifetime).ConfigureAwait(false);
                var status = new DimseStatus(response.Command.Status ?? DimseStatus.CannotUnderstand.Code);
                if (status.IsPending)
                {
                    await onPending(response, context.TransferSyntax, lifetime).ConfigureAwait(false);
                    continue;
                }

                IReadOnlyList<string> failed = [];
                if (response.DataSet is { } data)
                {
                    // The final C-MOVE/C-GET response may carry the Failed SOP Instance UID List (PS3.4 C.4.2.1.4, C.4.3.1.4).
                    failed = (await DimseDataSets.ReadAsync(data, context.TransferSyntax, lifetime).ConfigureAwait(false)).GetStrings(DicomTags.FailedSOPInstanceUIDList);
                }

                return new DimseResult(status, response.Command.ErrorComment)
                {
                    Counts = CountsOf(response.Command),
                    FailedSopInstanceUids = failed,
                    CancelRequested = Volatile.Read(ref cancelSent) == 1,
                };
            }
        }
        finally
        {
            Association.EndOperation(operation);
        }
    }

    private async Task SendCancelQuietlyAsync(DimseOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await Association.SendCancelAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException or AssociationStateException)
        {
            // The association ended first; the response wait reports that.
        }
    }

    private static AAssociateRq BuildRequest(DicomClientOptions options)
    {
        var proposals = options.AbstractSyntaxes.Prepend(DimseUids.Verification).Distinct(StringComparer.Ordinal)
            .Where(a => a != DimseUids.Verification || !options.PresentationContexts.Any(p => p.AbstractSyntax == DimseUids.Verification))
            .Select(a => new PresentationContextProposal(a, options.TransferSyntaxes))
            .Concat(options.PresentationContexts)
            .ToList();
        if (proposals.Count > DicomPresentationContexts.MaxContexts)
        {
            throw new ArgumentException($"{proposals.Count} presentation contexts proposed; PS3.8 9.3.2.2 allows {DicomPresentationContexts.MaxContexts} (odd IDs 1-255)", nameof(options));
        }

        var contexts = new List<PresentationContextRq>();
        var roles = new Dictionary<string, RoleSelection>(StringComparer.Ordinal);
        for (var i = 0; i < proposals.Count; i++)
        {
            var proposal = proposals[i];
            contexts.Add(new PresentationContextRq((byte)((2 * i) + 1), proposal.AbstractSyntax, proposal.TransferSyntaxes)); // odd IDs (PS3.8 9.3.2.2)
            if (proposal.ScpRole || !proposal.ScuRole)
            {
                // One role selection item per SOP class (PS3.7 D.3.3.4); the first proposal of a SOP class decides.
                roles.TryAdd(proposal.AbstractSyntax, new RoleSelection(proposal.AbstractSyntax, proposal.ScuRole, proposal.ScpRole));
            }
        }

        return new AAssociateRq
        {
            CalledAETitle = options.CalledAETitle,
            CallingAETitle = options.CallingAETitle,
            PresentationContexts = contexts,
            UserInformation = new UserInformation
            {
                MaximumLength = options.Association.MaxPduLength,
                ImplementationClassUid = options.Association.ImplementationClassUid,
                ImplementationVersionName = options.Association.ImplementationVersionName,
                RoleSelections = [.. roles.Values],
                ExtendedNegotiations = options.ExtendedNegotiations,
                AsynchronousOperationsWindow = OperationsWindowNegotiation.Propose(options.Association.MaxOperationsInvoked, options.Association.MaxOperationsPerformed),
            },
        };
    }
}
