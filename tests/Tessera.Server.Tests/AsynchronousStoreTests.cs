using System.Globalization;
using Microsoft.Extensions.Logging;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>
/// The archive agrees to an asynchronous operations window (PS3.7 D.3.3.3, Tessera:Dicom:OperationsWindow): C-STOREs
/// overlapping on one association are each stored and indexed. An archive of its own, so the shared one keeps its contents.
/// </summary>
public sealed class AsynchronousStoreTests
{
    [Fact]
    public async Task StoresOverlappingOnOneAssociationAreEachStoredAndFound()
    {
        var data = Directory.CreateTempSubdirectory("tessera-window-serve-");
        var generated = GeneratedInstances.Write(40, studies: 1, seriesPerStudy: 1, "tessera-window-source-");
        var port = Dcmtk.FreePort();
        using var host = TesseraHost.Build(
            new Dictionary<string, string?>
            {
                ["Tessera:Data"] = data.FullName,
                ["Tessera:Dicom:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Tessera:Dicom:OperationsWindow"] = "6",
            },
            logging => logging.ClearProviders());
        await host.StartAsync();
        try
        {
            var sources = await Task.WhenAll(generated.Instances.Select(i => DicomInstanceSource.FromFileAsync(i.Path)));
            await using var client = await DicomClient.ConnectAsync(Options(port, DicomPresentationContexts.Scu([GeneratedInstances.SopClassUid]), maxOperationsInvoked: 8));

            // Asked 8, the archive performs 6 at a time.
            Assert.Equal(new OperationsWindow(6, 1), client.Association.OperationsWindow);
            var statuses = await Task.WhenAll(sources.Select(s => client.StoreAsync(s, CancellationToken.None)));
            await client.ReleaseAsync(CancellationToken.None);
            Assert.All(statuses, s => Assert.Equal(DimseStatus.Success, s));

            await using var finder = await DicomClient.ConnectAsync(Options(port, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses), maxOperationsInvoked: 1));
            var identifier = new DicomDataset();
            identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "IMAGE");
            identifier.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, generated.Instances[0].StudyInstanceUid);
            identifier.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, string.Empty);
            var found = new List<string>();
            await foreach (var match in finder.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, identifier))
            {
                found.Add(match.GetString(DicomTags.SOPInstanceUID)!);
            }

            await finder.ReleaseAsync(CancellationToken.None);
            Assert.Equal(generated.Instances.Select(i => i.SopInstanceUid).Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        }
        finally
        {
            await host.StopAsync();
            generated.Folder.Delete(recursive: true);
            data.Delete(recursive: true);
        }
    }

    private static DicomClientOptions Options(int port, IReadOnlyList<PresentationContextProposal> contexts, int maxOperationsInvoked) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        CallingAETitle = "TESTSCU",
        CalledAETitle = "TESSERA",
        PresentationContexts = contexts,
        Association = new DicomAssociationOptions { MaxOperationsInvoked = maxOperationsInvoked },
    };
}
