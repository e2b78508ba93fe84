using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dimse.Association;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>
/// A DICOM SCP: accepts TCP connections and runs each association as one async loop over pipes. Handlers are
/// injected interfaces; options carry the limits and timeouts.
/// </summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly DicomServerHandlers _handlers;
    private readonly DicomServerConnector _connector;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2Collection? _clientCas;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly PresentationContextNegotiator _negotiator;
    private readonly ConcurrentDictionary<DicomAssociation, Task> _associations = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _hardStop = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _stopped;

    public DicomServer(
        DicomServerOptions options,
        IVerificationHandler? verification = null,
        IStoreHandler? store = null,
        IAssociationPolicy? policy = null,
        ILogger<DicomServer>? logger = null,
        TimeProvider? timeProvider = null)
        : this(options, new DicomServerHandlers { Verification = verification, Store = store, Policy = policy }, logger, timeProvider)
    {
    }

    /// <summary>A server offering the services whose handlers are set: Verification always, the others by handler.</summary>
    public DicomServer(DicomServerOptions options, DicomServerHandlers handlers, ILogger<DicomServer>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        _options = options;
        _handlers = handlers;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _connector = new DicomServerConnector(options, _logger, _timeProvider);
        if (options.Tls is { } tls)
        {
            _certificate = Transport.DicomTls.LoadCertificate(tls);
            _clientCas = Transport.DicomTls.LoadCaBundle(tls);
        }

        var ts = options.TransferSyntaxes;
        var supported = new Dictionary<string, SupportedAbstractSyntax>(StringComparer.Ordinal) { [DimseUids.Verification] = new(DimseUids.Verification, ts) };
        void Offer(IEnumerable<string> sopClasses, bool scu = true, bool scp = false)
        {
            foreach (var sopClass in sopClasses)
            {
                var existing = supported.GetValueOrDefault(sopClass);
                supported[sopClass] = new SupportedAbstractSyntax(sopClass, ts, scu || (existing?.RequestorMayBeScu ?? false), scp || (existing?.RequestorMayBeScp ?? false));
            }
        }

        if (handlers.Store is not null)
        {
            Offer(options.StorageSopClasses);
        }

        if (handlers.Find is { } find)
        {
            Offer(options.FindSopClasses);
            foreach (var sopClass in options.FindSopClasses)
            {
                supported[sopClass] = supported[sopClass] with { ExtendedNegotiation = find.ExtendedNegotiation };
            }
        }

        if (handlers.Move is not null)
        {
            Offer(options.MoveSopClasses);
        }

        if (handlers.Get is not null)
        {
            Offer(options.GetSopClasses);
            // The C-STORE sub-operations of C-GET: the requestor takes the SCP role (PS3.4 C.4.3.1; PS3.7 D.3.3.4).
            Offer(options.GetStorageSopClasses ?? DicomPresentationContexts.StorageSopClasses, scu: false, scp: true);
        }

        if (handlers.StorageCommitment is not null)
        {
            Offer([Dicom.DicomUids.StorageCommitmentPushModel]);
        }

        if (handlers.NService is not null)
        {
            // Either role: an N-EVENT-REPORT comes from the SOP class's SCP, which may be the requestor (PS3.4 J.3.3).
            Offer(options.NServiceSopClasses, scu: true, scp: true);
        }

        Func<string, SupportedAbstractSyntax?>? unlisted = handlers.Store is not null && options.AcceptUnlistedStorageSopClasses
            ? sopClass => DicomPresentationContexts.IsUnlistedStorageSopClass(sopClass) ? new SupportedAbstractSyntax(sopClass, ts, RequestorMayBeScp: handlers.Get is not null) : null
            : null;
        _negotiator = new PresentationContextNegotiator(supported.Values, unlisted);
    }

    /// <summary>The bound address, once started.</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndpoint;

    public int ActiveAssociations => _associations.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _listener = new TcpListener(_options.Address, _options.Port);
        _listener.Start();
        _logger.Listening(_listener.LocalEndpoint);
        _acceptLoop = AcceptLoopAsync();
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, lets associations release within the grace period, then aborts the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_associations.Values).WaitAsync(_options.ShutdownGracePeriod, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var association in _associations.Keys)
            {
                try
                {
                    await association.AbortAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
                {
                    // Already gone.
                }
            }

            await _hardStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_associations.Values).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _hardStop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.TransportError(null, ex.Message);
                continue;
            }

            SocketTuning.Apply(socket);
            var overLimit = _associations.Count >= _options.MaxAssociations;
            var dispatcher = new DicomServiceDispatcher(_options, _negotiator, overLimit, _handlers, _connector, _logger);
            _ = ServeAsync(socket, dispatcher, overLimit);
        }
    }

    private async Task ServeAsync(Socket socket, DicomServiceDispatcher dispatcher, bool overLimit)
    {
        Stream stream = new QuickAckNetworkStream(socket);
        if (_certificate is not null)
        {
            var ssl = new System.Net.Security.SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                // The handshake gets the ARTIM time, like the A-ASSOCIATE-RQ that follows it (PS3.8 9.1.5).
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(_options.Association.ArtimTimeout);
                await ssl.AuthenticateAsServerAsync(Transport.DicomTls.ServerOptions(_options.Tls!, _certificate, _clientCas), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                _logger.TlsHandshakeFailed(socket.RemoteEndPoint, ex.Message);
                await ssl.DisposeAsync().ConfigureAwait(false);
                return;
            }

            stream = ssl;
        }

        var transport = new DuplexPipe(
            // A thread of its own per association up to the limit; a connection beyond it, which is only told so, is read
            // asynchronously, so that a flood of connections costs no threads.
            overLimit
                ? PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true))
                : ReceiveThread.Start(stream, _options.Association.MaxReceivedPduLength),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
        var association = new DicomAssociation(
            transport,
            () => CloseSocket(socket, stream),
            AssociationRole.Acceptor,
            _options.Association,
            socket.RemoteEndPoint,
            dispatcher,
            dispatcher,
            _timeProvider,
            _logger);
        var run = new TaskCompletionSource();
        _associations[association] = run.Task;
        await RunAssociationAsync(association, transport, run).ConfigureAwait(false);
    }

    private async Task RunAssociationAsync(DicomAssociation association, DuplexPipe transport, TaskCompletionSource done)
    {
        try
        {
            await association.RunAsync(_hardStop.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.AssociationFailed(ex, association.RemoteEndPoint);
        }
        finally
        {
            await association.DisposeAsync().ConfigureAwait(false);
            await transport.Input.CompleteAsync().ConfigureAwait(false);
            await DuplexPipe.DiscardOutputAsync(transport).ConfigureAwait(false);
            _associations.TryRemove(association, out _);
            done.TrySetResult();
        }
    }

    private static void CloseSocket(Socket socket, Stream stream)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }

        stream.Dispose();
    }
}
