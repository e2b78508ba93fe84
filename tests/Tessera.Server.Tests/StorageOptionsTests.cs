using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Dicom.IO;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>
/// Tessera:Storage:CommitJournalBlobLimit chooses how small files are made durable: through the commit journal by default,
/// by fsync and rename at 0 (the journal is never created). Either way the instance is stored and readable.
/// </summary>
public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData(-1, 64L * 1024 * 1024)]
    [InlineData(33 * 1024 * 1024, 64L * 1024 * 1024)]
    [InlineData(0, 1024 * 1024)]
    public void AJournalThatCannotHoldItsLargestRecordIsRefusedBeforeAnythingStarts(int limit, long capacity)
    {
        var settings = new TesseraServerOptions { Storage = { CommitJournalBlobLimit = limit, CommitJournalCapacity = capacity } };
        var failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(settings));
        Assert.Contains("Tessera:Storage:CommitJournalCapacity", failure.Message, StringComparison.Ordinal);
        TesseraHost.Validate(new TesseraServerOptions { Storage = { CommitJournalBlobLimit = 0 } });
    }

    [Fact]
    public void APageCacheWindowBelowMinusOneIsRefused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => TesseraHost.Validate(new TesseraServerOptions { Storage = { PageCacheWindow = -2 } }));
        Assert.Contains("Tessera:Storage:PageCacheWindow", failure.Message, StringComparison.Ordinal);
        TesseraHost.Validate(new TesseraServerOptions { Storage = { PageCacheWindow = -1 } });
        TesseraHost.Validate(new TesseraServerOptions { Storage = { PageCacheWindow = 64L * 1024 * 1024 } });
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("0", false)]
    public async Task TheJournalLimitDecidesWhetherSmallFilesGoThroughTheJournal(string? limit, bool journaled)
    {
        var data = Directory.CreateTempSubdirectory("tessera-storage-serve-");
        var generated = GeneratedInstances.Write(3, studies: 1, seriesPerStudy: 1, "tessera-storage-source-");
        var port = Dcmtk.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Tessera:Data"] = data.FullName,
            ["Tessera:Dicom:Port"] = port.ToString(CultureInfo.InvariantCulture),
        };
        if (limit is not null)
        {
            settings["Tessera:Storage:CommitJournalBlobLimit"] = limit;
        }

        using var host = TesseraHost.Build(settings, logging => logging.ClearProviders());
        await host.StartAsync();
        try
        {
            await using (var client = await DicomClient.ConnectAsync(new DicomClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                CallingAETitle = "TESTSCU",
                CalledAETitle = "TESSERA",
                PresentationContexts = DicomPresentationContexts.Scu([GeneratedInstances.SopClassUid]),
            }))
            {
                foreach (var instance in generated.Instances)
                {
                    Assert.Equal(DimseStatus.Success, await client.StoreAsync(await DicomInstanceSource.FromFileAsync(instance.Path), CancellationToken.None));
                }

                await client.ReleaseAsync(CancellationToken.None);
            }

            var files = Path.Combine(data.FullName, "files");
            Assert.Equal(journaled, File.Exists(Path.Combine(files, "journal", "commits")));
            var stored = Directory.GetFiles(files, "*.dcm", SearchOption.AllDirectories);
            Assert.Equal(generated.Instances.Count, stored.Length);
            Assert.All(stored, path => Assert.NotNull(DicomFile.Open(path).Dataset.GetString(DicomTags.SOPInstanceUID)));
        }
        finally
        {
            await host.StopAsync();
            generated.Folder.Delete(recursive: true);
            data.Delete(recursive: true);
        }
    }
}
