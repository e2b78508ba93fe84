using Tessera.Dimse.Messages;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Network;

namespace Tessera.Dimse.Tests.Interop;

/// <summary>Our SCP against DCMTK's SCUs, our SCU against DCMTK's SCP.</summary>
public sealed class DcmtkInteropTests
{
    private const string CtSmall = "ct_small_evrle.dcm";

    [DcmtkFact]
    public async Task EchoscuAgainstDicomServer()
    {
        await using var server = await ServerFixture.StartAsync();
        var (exit, output) = await Dcmtk.RunAsync("echoscu", "-v", "--repeat", "3", "-aet", "ECHOSCU", "-aec", "TESSERA", "127.0.0.1", server.LocalEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, output);
        Assert.Contains("Received Echo Response (Success)", output, StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task EchoscuWithWrongCalledAETitleIsRejected()
    {
        await using var server = await ServerFixture.StartAsync();
        var (exit, output) = await Dcmtk.RunAsync("echoscu", "-aec", "NOBODY", "127.0.0.1", server.LocalEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, exit);
        Assert.Contains("Called AE Title Not Recognized", output, StringComparison.OrdinalIgnoreCase);
    }

    [DcmtkFact]
    public async Task StorescuStreamsAFileIntoTheStoreHandler()
    {
        var handler = new CapturingStoreHandler();
        await using var server = await ServerFixture.StartAsync(handler);
        var file = Dcmtk.Corpus(CtSmall);
        var (exit, output) = await Dcmtk.RunAsync("storescu", "-v", "-xe", "-aec", "TESSERA", "--max-pdu", "4096", "127.0.0.1", server.LocalEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), file);
        Assert.True(exit == 0, output);
        var received = Assert.Single(handler.DataSets);
        Assert.Equal(DimseUids.ExplicitVRLittleEndian, handler.TransferSyntax);
        // storescu re-encodes the data set (it drops the trailing padding, for one), so compare what must survive.
        var original = Dcmtk.DataSetOf(file);
        Assert.Equal(Hex.Format(original.AsSpan(0, 256)), Hex.Format(received.AsSpan(0, 256)));
        Assert.InRange(received.Length, original.Length - 256, original.Length + 256);
        Assert.Contains("1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322", System.Text.Encoding.ASCII.GetString(received), StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task DicomClientEchoesAndStoresToStorescp()
    {
        var port = Dcmtk.FreePort();
        var output = Directory.CreateTempSubdirectory("tessera-storescp-");
        using var storescp = Dcmtk.Start("storescp", "-aet", "STORESCP", "-od", output.FullName, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            await using var client = await DicomClient.ConnectAsync(new DicomClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                CalledAETitle = "STORESCP",
                AbstractSyntaxes = [ServerFixture.CtImageStorage],
                TransferSyntaxes = [DimseUids.ExplicitVRLittleEndian],
            });
            Assert.Equal(DimseStatus.Success, await client.EchoAsync(CancellationToken.None));
            using var dataSet = new MemoryStream(Dcmtk.DataSetOf(Dcmtk.Corpus(CtSmall)));
            var status = await client.StoreAsync(ServerFixture.CtImageStorage, "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322", dataSet, CancellationToken.None);
            Assert.Equal(DimseStatus.Success, status);
            await client.ReleaseAsync(CancellationToken.None);
            Assert.Single(output.GetFiles());
        }
        finally
        {
            storescp.Kill();
            await storescp.WaitForExitAsync();
            output.Delete(true);
        }
    }

    private sealed class CapturingStoreHandler : IStoreHandler
    {
        public List<byte[]> DataSets { get; } = [];

        public string? TransferSyntax { get; private set; }

        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            using var copy = new MemoryStream();
            await dataSet.CopyToAsync(copy, cancellationToken);
            DataSets.Add(copy.ToArray());
            TransferSyntax = context.PresentationContext.TransferSyntax;
            return DimseStatus.Success;
        }
    }
}
