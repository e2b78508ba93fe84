using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;
using Tessera.Server.Import;

namespace Tessera.Server.Control;

/// <summary>
/// One control connection: one request line in, a stream of <see cref="ControlMessage"/> lines out. Imports go through
/// the server's own <see cref="IngestService"/> (its writer queue, its duplicate policy); checks read the server's index
/// and blob store (<see cref="LiveArchiveCheck"/>). A bad request gets an error line and a log line; the run is
/// cancelled when the client goes away (the CLI interrupted: re-running resumes) or the server stops.
/// </summary>
public sealed class ControlSession(IOptions<TesseraServerOptions> options, IngestService ingest, IIndexStore index, IBlobStore blobs, ILogger<ControlSession> logger)
{
    public async Task RunAsync(Socket connection, CancellationToken stopping)
    {
        var stream = new NetworkStream(connection, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await ServeAsync(stream, stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the server is stopping; nothing more can be said on this connection.
            }
#pragma warning disable CA1031 // A control request must never take the server down: whatever failed is logged and the channel keeps serving.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                ControlLog.RequestFailed(logger, exception);
                await TrySendAsync(stream, new ControlMessage(Error: $"internal error: {exception.Message}"), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream, CancellationToken stopping)
    {
        var reader = new ControlLineReader(stream, ControlChannel.MaxRequestBytes);
        byte[]? line;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            timeout.CancelAfter(ControlChannel.RequestTimeout);
            try
            {
                line = await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                await RefuseAsync(stream, exception.Message, stopping).ConfigureAwait(false);
                return;
            }
        }

        if (line is null)
        {
            return; // A probe: connected to see whether the server answers, and left.
        }

        ControlRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, ControlJson.Default.ControlRequest);
        }
        catch (JsonException exception)
        {
            await RefuseAsync(stream, $"not a JSON request: {exception.Message}", stopping).ConfigureAwait(false);
            return;
        }

        var problem = request is null ? "empty request" : Validate(request);
        if (problem is not null)
        {
            await RefuseAsync(stream, problem, stopping).ConfigureAwait(false);
            return;
        }

        // The client sends nothing after its request: the read ends when it closes the connection (Ctrl-C), and so does the run.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var watch = WatchAsync(reader, run);
        try
        {
            switch (request!.Command)
            {
                case "ping":
                    await SendAsync(stream, new ControlMessage(Done: true, Server: $"tessera serve, process {Environment.ProcessId}"), run.Token).ConfigureAwait(false);
                    break;
                case "import":
                    await ImportAsync(stream, request, run.Token).ConfigureAwait(false);
                    break;
                default:
                    await CheckAsync(stream, request, run.Token).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await TrySendAsync(stream, new ControlMessage(Error: "the server is stopping; run the command again to resume"), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            ControlLog.ClientLeft(logger, request!.Command);
        }
        finally
        {
            await run.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
        }
    }

    private string? Validate(ControlRequest request)
    {
        switch (request.Command)
        {
            case "ping":
                return null;
            case "import":
                if (request.Paths is not { Count: > 0 } paths)
                {
                    return "import needs paths";
                }

                if (paths.FirstOrDefault(p => string.IsNullOrEmpty(p) || !Path.IsPathFullyQualified(p)) is { } relative)
                {
                    return $"import paths must be absolute: '{relative}'";
                }

                if (request.Parallel is < 1 or > ControlChannel.MaxParallel)
                {
                    return $"parallel must be 1-{ControlChannel.MaxParallel}";
                }

                var policy = options.Value.DuplicatePolicy;
                return request.Duplicates is { } wanted && wanted != policy
                    ? $"this server applies Tessera:DuplicatePolicy {policy}, not {wanted}: import with the server's policy, or stop the server and use --direct"
                    : null;
            case "check":
                return null;
            default:
                return $"unknown command '{request.Command}' (ping, import, check)";
        }
    }

    private async Task ImportAsync(NetworkStream stream, ControlRequest request, CancellationToken cancellationToken)
    {
        ControlLog.ImportStarted(logger, string.Join(", ", request.Paths!), request.Parallel);
        int files = 0, refused = 0, skipped = 0;
        await FileImport.RunAsync(
            ingest,
            request.Paths!,
            request.Parallel,
            async (step, token) =>
            {
                switch (step.Kind)
                {
                    case ImportEventKind.File:
                        files++;
                        refused += step.Outcome is IngestOutcome.Rejected or IngestOutcome.Failed ? 1 : 0;
                        break;
                    case ImportEventKind.Skipped:
                        skipped++;
                        break;
                    default:
                        break;
                }

                await SendAsync(stream, new ControlMessage(Import: step), token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        await SendAsync(stream, new ControlMessage(Done: true), cancellationToken).ConfigureAwait(false);
        ControlLog.ImportEnded(logger, files, refused, skipped);
    }

    private async Task CheckAsync(NetworkStream stream, ControlRequest request, CancellationToken cancellationToken)
    {
        var report = await LiveArchiveCheck.RunAsync(index, blobs, request.VerifyChecksums, cancellationToken).ConfigureAwait(false);
        foreach (var (kind, paths) in new[] { ("missing", report.Missing), ("corrupt", report.Corrupt), ("orphan", report.Orphans) })
        {
            foreach (var path in paths)
            {
                await SendAsync(stream, new ControlMessage(Finding: new CheckFinding(kind, path)), cancellationToken).ConfigureAwait(false);
            }
        }

        var summary = new CheckSummary(report.Versions, report.Missing.Count, report.Corrupt.Count, report.Orphans.Count, report.TemporariesSwept, request.VerifyChecksums);
        await SendAsync(stream, new ControlMessage(Checked: summary, Done: true), cancellationToken).ConfigureAwait(false);
        ControlLog.Checked(logger, report.Versions, report.Missing.Count, report.Corrupt.Count, report.Orphans.Count);
    }

    private async Task RefuseAsync(NetworkStream stream, string reason, CancellationToken cancellationToken)
    {
        ControlLog.BadRequest(logger, reason);
        await TrySendAsync(stream, new ControlMessage(Error: reason, Usage: true), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WatchAsync(ControlLineReader reader, CancellationTokenSource run)
    {
        try
        {
            while (await reader.ReadLineAsync(run.Token).ConfigureAwait(false) is not null)
            {
                // Nothing is expected after the request; extra lines are ignored.
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or InvalidDataException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed or broken: the run ends either way.
        }

        await run.CancelAsync().ConfigureAwait(false);
    }

    private static async ValueTask SendAsync(Stream stream, ControlMessage message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, ControlJson.Default.ControlMessage);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task TrySendAsync(Stream stream, ControlMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(stream, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone; the log has the reason.
        }
    }
}
