using System.Net;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Tests.Network;

internal static class ServerFixture
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public static DicomServerOptions Options() => new()
    {
        AETitle = "TESSERA",
        Address = IPAddress.Loopback,
        Port = 0,
        StorageSopClasses = [CtImageStorage],
        ShutdownGracePeriod = TimeSpan.FromSeconds(2),
        Association = new DicomAssociationOptions { ArtimTimeout = TimeSpan.FromSeconds(2), DimseTimeout = TimeSpan.FromSeconds(10) },
    };

    public static async Task<DicomServer> StartAsync(IStoreHandler? store = null, Func<DicomServerOptions, DicomServerOptions>? configure = null, IAssociationPolicy? policy = null)
    {
        var options = Options();
        var server = new DicomServer(configure?.Invoke(options) ?? options, store: store, policy: policy);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    public static DicomClientOptions Client(DicomServer server, params string[] abstractSyntaxes) => new()
    {
        Host = "127.0.0.1",
        Port = server.LocalEndPoint!.Port,
        CalledAETitle = "TESSERA",
        CallingAETitle = "TESTSCU",
        AbstractSyntaxes = abstractSyntaxes,
    };

    /// <summary>Counts the bytes of each stored data set without keeping them.</summary>
    public sealed class CountingStoreHandler : IStoreHandler
    {
        public List<long> Lengths { get; } = [];

        public Exception? Throw { get; set; }

        /// <summary>The thread the handler began on, and the one it finished reading the data set on.</summary>
        public (string? Started, string? Read) Threads { get; private set; }

        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            var started = Thread.CurrentThread.Name;
            if (Throw is { } ex)
            {
                throw ex;
            }

            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await dataSet.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            lock (Lengths)
            {
                Lengths.Add(total);
                Threads = (started, Thread.CurrentThread.Name);
            }

            return DimseStatus.Success;
        }
    }
}
