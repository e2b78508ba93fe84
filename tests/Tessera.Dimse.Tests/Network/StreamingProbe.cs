using System.Diagnostics;
using System.Globalization;
using System.Net;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Tests.Network;

/// <summary>
/// Entry point of this assembly when started as a child process (<c>dotnet exec Tessera.Dimse.Tests.dll server|client …</c>),
/// so that each role's peak resident set (<see cref="Process.PeakWorkingSet64"/>) is its own, not the test host's.
/// Prints "PORT n" (server) and "PEAK bytes" on stdout.
/// </summary>
public static class StreamingProbe
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["server", var output])
        {
            var handler = new FileStoreHandler(output);
            await using var server = new DicomServer(
                new DicomServerOptions { Address = IPAddress.Loopback, Port = 0, StorageSopClasses = DicomPresentationContexts.StorageSopClasses },
                new DicomServerHandlers { Store = handler });
            await server.StartAsync(CancellationToken.None);
            Console.WriteLine($"PORT {server.LocalEndPoint!.Port}");
            await handler.Stored.Task;
            await Task.Delay(200);
            Console.WriteLine($"PEAK {Process.GetCurrentProcess().PeakWorkingSet64}");
            return 0;
        }

        if (args is ["client", var port, var file])
        {
            var source = await DicomInstanceSource.FromFileAsync(file);
            await using var client = await DicomClient.ConnectAsync(new DicomClientOptions
            {
                Host = "127.0.0.1",
                Port = int.Parse(port, CultureInfo.InvariantCulture),
                PresentationContexts = DicomPresentationContexts.ForInstances([source]),
            });
            var status = await client.StoreAsync(source, CancellationToken.None);
            await client.ReleaseAsync(CancellationToken.None);
            Console.WriteLine($"STATUS {status.Code:X4}");
            Console.WriteLine($"PEAK {Process.GetCurrentProcess().PeakWorkingSet64}");
            return status == DimseStatus.Success ? 0 : 1;
        }

        await Console.Error.WriteLineAsync("usage: server <output-file> | client <port> <file>");
        return 2;
    }

    private sealed class FileStoreHandler(string path) : IStoreHandler
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await dataSet.CopyToAsync(file, 64 * 1024, cancellationToken);
            }

            Stored.TrySetResult();
            return DimseStatus.Success;
        }
    }
}
