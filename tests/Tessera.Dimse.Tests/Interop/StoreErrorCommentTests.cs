using System.Globalization;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Network;

namespace Tessera.Dimse.Tests.Interop;

/// <summary>A store handler's refusal reaches the sender with its Error Comment (0000,0902, PS3.7 Table 9.3-2).</summary>
public sealed class StoreErrorCommentTests
{
    private const string Reason = "Out of resources: disk full";

    [Fact]
    public async Task DicomClientReceivesTheStatusAndErrorComment()
    {
        await using var server = await ServerFixture.StartAsync(new RefusingStoreHandler());
        await using var client = await DicomClient.ConnectAsync(ServerFixture.Client(server, ServerFixture.CtImageStorage));
        var instance = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));

        var response = await client.StoreInstanceAsync(instance, null, null, CancellationToken.None);

        Assert.Equal(0xA700, response.Status.Code);
        Assert.Equal(Reason, response.ErrorComment);
    }

    [Fact]
    public async Task ASuccessCarriesNoErrorComment()
    {
        await using var server = await ServerFixture.StartAsync(new ServerFixture.CountingStoreHandler());
        await using var client = await DicomClient.ConnectAsync(ServerFixture.Client(server, ServerFixture.CtImageStorage));
        var instance = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));

        var response = await client.StoreInstanceAsync(instance, null, null, CancellationToken.None);

        Assert.Equal(DimseStatus.Success, response.Status);
        Assert.Null(response.ErrorComment);
    }

    /// <summary>storescu -d prints the C-STORE-RSP it received, Error Comment included.</summary>
    [DcmtkFact]
    public async Task StorescuReceivesTheErrorComment()
    {
        await using var server = await ServerFixture.StartAsync(new RefusingStoreHandler());
        var (_, output) = await Dcmtk.RunAsync("storescu", "-d", "-aec", "TESSERA", "127.0.0.1", server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture), Dcmtk.Corpus("ct_small_evrle.dcm"));

        Assert.Contains(Reason, output, StringComparison.Ordinal);
        Assert.Contains("DIMSE Status                  : 0xa700", output, StringComparison.Ordinal);
        Assert.Contains("(0000,0902) LO [Out of resources: disk full]", output, StringComparison.Ordinal);
    }

    private sealed class RefusingStoreHandler : IStoreHandler
    {
        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            await dataSet.CopyToAsync(Stream.Null, cancellationToken);
            return new StoreResponse(new DimseStatus(0xA700), Reason);
        }
    }
}
