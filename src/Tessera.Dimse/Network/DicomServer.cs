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
    private readonly IVerificationHandler? _verification;
    private readonly IStoreHandler? _store;
    private readonly IAssociationPolicy? _policy;
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
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _verification = verification;
        _store = store;
        _policy = policy;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var supported = new List<SupportedAbstractSyntax> { new(DimseUids.Verification, options.TransferSyntaxes) };
        if (store is not null)
        {
            supported.AddRange(options.StorageSopClasses.Select(sopClass => new SupportedAbstractSyntax(sopClass, options.TransferSyntaxes)));
        }

        _negotiator = new PresentationContextNegotiator(supported);
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
            var dispatcher = new DicomServiceDispatcher(_options, _negotiator, overLimit, _verification, _store, _policy, _logger);
            var stream = new NetworkStream(socket, ownsSocket: true);
            var transport = new DuplexPipe(
                PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true)),
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
            _ = RunAssociationAsync(association, transport, run);
        }
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
            await transport.Output.CompleteAsync().ConfigureAwait(false);
            _associations.TryRemove(association, out _);
            done.TrySetResult();
        }
    }

    private static void CloseSocket(Socket socket, NetworkStream stream)
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
