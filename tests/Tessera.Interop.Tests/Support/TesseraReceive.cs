using System.Globalization;
using Tessera.Testing;

namespace Tessera.Interop.Tests.Support;

/// <summary>`tessera receive` on a free loopback port, writing into a temporary folder removed on dispose.</summary>
internal sealed class TesseraReceive : IAsyncDisposable
{
    private TesseraReceive(ChildProcess process, DirectoryInfo output, int port)
    {
        Process = process;
        OutputDirectory = output;
        Port = port;
    }

    public ChildProcess Process { get; }

    public DirectoryInfo OutputDirectory { get; }

    public int Port { get; }

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public static async Task<TesseraReceive> StartAsync(params string[] extraArguments)
    {
        var output = Directory.CreateTempSubdirectory("tessera-receive-");
        var process = ChildProcess.Start("dotnet", [ExternalProcess.TesseraDll, "receive", "--port", "0", "--out", output.FullName, .. extraArguments]);
        try
        {
            var listening = await process.WaitForAsync(@"listening on 127\.0\.0\.1:(\d+)");
            return new TesseraReceive(process, output, int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            await process.DisposeAsync();
            output.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The received files (temporary .part files excluded).</summary>
    public FileInfo[] Files => OutputDirectory.GetFiles("*.dcm");

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        OutputDirectory.Delete(recursive: true);
    }
}
