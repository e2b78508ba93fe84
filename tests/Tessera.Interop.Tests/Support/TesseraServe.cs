using System.Globalization;
using Tessera.Testing;

namespace Tessera.Interop.Tests.Support;

/// <summary>
/// `tessera import` of some files into a temporary data folder (stored byte for byte as read), then `tessera serve` on it
/// on a free loopback port, with one C-MOVE peer; the folder is removed on dispose.
/// </summary>
internal sealed class TesseraServe : IAsyncDisposable
{
    public const string AETitle = "TESSERA";

    private TesseraServe(ChildProcess process, DirectoryInfo data, int port)
    {
        Process = process;
        Data = data;
        Port = port;
    }

    public ChildProcess Process { get; }

    public DirectoryInfo Data { get; }

    public int Port { get; }

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public static async Task<TesseraServe> StartAsync(IEnumerable<string> files, string peerAETitle, int peerPort)
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-");
        ChildProcess? process = null;
        try
        {
            var (imported, log) = await ExternalProcess.TesseraAsync(["import", "--data", data.FullName, .. files]);
            Assert.True(imported == 0, log);
            process = ChildProcess.Start("dotnet", ExternalProcess.TesseraDll, "serve", "--data", data.FullName, "--dicom-port", "0", "--ae-title", AETitle,
                "--peer", string.Create(CultureInfo.InvariantCulture, $"{peerAETitle}=127.0.0.1:{peerPort}"));
            var ready = await process.WaitForAsync(@"Tessera ready: DICOM \S+@127\.0\.0\.1:(\d+)", TimeSpan.FromSeconds(60));
            return new TesseraServe(process, data, int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }

            data.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Data.Delete(recursive: true);
    }
}
