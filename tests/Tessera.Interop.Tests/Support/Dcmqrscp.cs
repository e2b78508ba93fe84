using System.Globalization;
using System.Text;
using Tessera.Testing;

namespace Tessera.Interop.Tests.Support;

/// <summary>
/// DCMTK's dcmqrscp (a Query/Retrieve SCP) as AE title QRSCP on a free port, its database in a temporary folder loaded
/// with storescu; move destinations are entries of its HostTable.
/// </summary>
internal sealed class Dcmqrscp : IAsyncDisposable
{
    private readonly DirectoryInfo _root;

    private Dcmqrscp(DirectoryInfo root, ChildProcess process, int port)
    {
        _root = root;
        Process = process;
        Port = port;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public static async Task<Dcmqrscp> StartAsync(IEnumerable<string> corpusFiles, params (string AETitle, int Port)[] destinations)
    {
        var root = Directory.CreateTempSubdirectory("tessera-dcmqrscp-");
        var port = Dcmtk.FreePort();
        var db = Directory.CreateDirectory(Path.Combine(root.FullName, "db"));
        var hosts = new StringBuilder();
        foreach (var (aeTitle, destinationPort) in destinations)
        {
            hosts.Append(CultureInfo.InvariantCulture, $"{aeTitle.ToLowerInvariant()} = ({aeTitle}, 127.0.0.1, {destinationPort})\n");
        }

        var config = Path.Combine(root.FullName, "dcmqrscp.cfg");
        await File.WriteAllTextAsync(config, $"""
            NetworkTCPPort  = {port}
            MaxPDUSize      = 16384
            MaxAssociations = 16

            HostTable BEGIN
            {hosts}HostTable END

            VendorTable BEGIN
            VendorTable END

            AETable BEGIN
            QRSCP {db.FullName} RW (200, 1024mb) ANY
            AETable END
            """);

        // Forking mode: in --single-process mode DCMTK 3.6.7 stopped after the first association.
        var process = ChildProcess.Start("/usr/bin/dcmqrscp", "-c", config);
        var started = new Dcmqrscp(root, process, port);
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            var (exit, log) = await ExternalProcess.DcmtkAsync("storescu", ["-aec", "QRSCP", "127.0.0.1", started.PortText, .. corpusFiles.Select(Repository.Corpus)]);
            Assert.True(exit == 0, log);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _root.Delete(recursive: true);
    }
}
