using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Dimse.Association;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Network;

/// <summary>A DICOM SCU: opens one association and issues requests on it. Async and cancellable throughout.</summary>
public sealed class DicomClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly DuplexPipe _transport;
    private readonly CancellationTokenSource _lifetime = new();
    private Task _loop = Task.CompletedTask;

    private DicomClient(Socket socket, DicomAssociation association, NetworkStream stream, DuplexPipe transport)
    {
        _socket = socket;
        Association = association;
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
                await socket.ConnectAsync(options.Host, options.Port, connectTimeout.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        var transport = new DuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
        var association = new DicomAssociation(
            transport,
            () => stream.Dispose(),
            AssociationRole.Requestor,
            options.Association,
            socket.RemoteEndPoint,
            acceptor: null,
            requestHandler: null,
            timeProvider,
            logger ?? NullLogger.Instance);
        var client = new DicomClient(socket, association, stream, transport);
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
        await _transport.Input.CompleteAsync().ConfigureAwait(false);
        await _transport.Output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _lifetime.Dispose();
    }

    private static AAssociateRq BuildRequest(DicomClientOptions options)
    {
        var contexts = new List<PresentationContextRq>();
        byte id = 1;
        foreach (var abstractSyntax in options.AbstractSyntaxes.Prepend(DimseUids.Verification).Distinct(StringComparer.Ordinal))
        {
            contexts.Add(new PresentationContextRq(id, abstractSyntax, options.TransferSyntaxes));
            id += 2; // presentation context IDs are odd (PS3.8 9.3.2.2)
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
            },
        };
    }
}
