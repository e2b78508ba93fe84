using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Dicom.IO;

namespace Tessera.Server.Tests.Support;

/// <summary>
/// `tessera serve` in-process (the Server host, as the CLI builds it) on a free port with a temporary data folder,
/// loaded once with a representative set of corpus files sent by DCMTK's storescu: every transfer syntax family
/// (implicit/explicit little endian, big endian, deflated, RLE, JPEG baseline, JPEG lossless, JPEG-LS, JPEG 2000),
/// single- and multi-frame, several character sets, and two files sharing one SOP Instance UID.
/// </summary>
public sealed class ServedArchive : IAsyncLifetime
{
    public const string AETitle = "TESSERA";

    internal static readonly string[] Files =
    [
        "ct_small_evrle.dcm", "mr_small_evrle.dcm", "us_pal16_ivrle.dcm", "us_rgb_pc1_evrbe.dcm", "us_pal_rle_2frame.dcm",
        "sc_deflated.dcm", "mr_qa_5_jpll70.dcm", "mr_qa_7_jls.dcm", "mr_small_j2k.dcm", "sc_jpeg_gray8.dcm",
        "rtdose_15frame.dcm", "sr_comprehensive.dcm", "us_rgb_pc0.dcm", "us_rgb_pc1.dcm", "chr_french_multi.dcm",
        "chr_greek.dcm", "chr_jp_h31.dcm",
    ];

    private IHost? _host;

    public DirectoryInfo Data { get; } = Directory.CreateTempSubdirectory("tessera-serve-");

    public int Port { get; } = Dcmtk.FreePort();

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The current instances, as the files say: for a SOP Instance UID sent twice, the last file sent.</summary>
    internal IReadOnlyList<CorpusInstance> Instances { get; private set; } = [];

    public string StoreOutput { get; private set; } = string.Empty;

    public int StoreExitCode { get; private set; }

    /// <summary>A peer the tests start (a storescp) under this AE title at <see cref="MovePort"/>.</summary>
    public const string MoveDestination = "STORESCP";

    public int MovePort { get; } = Dcmtk.FreePort();

    public IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        _host = TesseraHost.Build(
            new Dictionary<string, string?>
            {
                ["Tessera:Data"] = Data.FullName,
                ["Tessera:Dicom:Port"] = PortText,
                ["Tessera:Dicom:AETitle"] = AETitle,
                [$"Tessera:Dicom:Peers:{MoveDestination}"] = $"127.0.0.1:{MovePort}",
            },
            logging => logging.ClearProviders());
        await _host.StartAsync();

        // storescu proposes one compressed syntax at a time (its -x options), so each group goes in its own association,
        // proposing exactly the files' syntax: the archive must receive and keep each file as it is.
        var files = Files.Select(f => CorpusInstance.Read(Dcmtk.Corpus(f))).ToList();
        var sent = new List<CorpusInstance>();
        var log = new System.Text.StringBuilder();
        foreach (var group in files.GroupBy(f => f.TransferSyntaxUid))
        {
            var (exit, output) = await Dcmtk.RunAsync("storescu", ["-R", ProposeFlag(group.Key), "-aec", AETitle, "127.0.0.1", PortText, .. group.Select(f => f.File)]);
            log.AppendLine(output);
            StoreExitCode |= exit;
            sent.AddRange(group);
        }

        StoreOutput = log.ToString();
        Instances = [.. sent.GroupBy(i => i.SopInstanceUid).Select(g => g.Last())];
    }

    private static string ProposeFlag(string transferSyntaxUid) => transferSyntaxUid switch
    {
        "1.2.840.10008.1.2" => "-xi",
        "1.2.840.10008.1.2.1" => "-xe",
        "1.2.840.10008.1.2.2" => "-xb",
        "1.2.840.10008.1.2.1.99" => "-xd",
        "1.2.840.10008.1.2.5" => "-xr",
        "1.2.840.10008.1.2.4.50" => "-xy",
        "1.2.840.10008.1.2.4.70" => "-xs",
        "1.2.840.10008.1.2.4.80" => "-xt",
        "1.2.840.10008.1.2.4.90" => "-xv",
        _ => throw new NotSupportedException($"no storescu option proposes {transferSyntaxUid}"),
    };

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        Data.Delete(recursive: true);
    }

    /// <summary>An association from Tessera's own client, proposing <paramref name="sopClasses"/>.</summary>
    internal Task<Tessera.Dimse.Network.DicomClient> ConnectAsync(params string[] sopClasses) =>
        Tessera.Dimse.Network.DicomClient.ConnectAsync(ClientOptions(sopClasses));

    /// <summary>An association proposing <paramref name="sopClass"/> with a SOP Class Extended Negotiation item (PS3.7 D.3.3.5).</summary>
    internal Task<Tessera.Dimse.Network.DicomClient> ConnectNegotiatingAsync(string sopClass, byte[] applicationInformation) =>
        Tessera.Dimse.Network.DicomClient.ConnectAsync(ClientOptions([sopClass]) with
        {
            ExtendedNegotiations = [new Tessera.Dimse.Pdus.SopClassExtendedNegotiation(sopClass, applicationInformation)],
        });

    private Tessera.Dimse.Network.DicomClientOptions ClientOptions(string[] sopClasses) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        CallingAETitle = "TESTSCU",
        CalledAETitle = AETitle,
        PresentationContexts = Tessera.Dimse.Negotiation.DicomPresentationContexts.Scu(sopClasses),
    };

    /// <summary>findscu with -X: the responses as data sets, read back with the toolkit.</summary>
    public async Task<(IReadOnlyList<DicomDataset> Matches, string Log)> FindAsync(string model, params string[] keys)
    {
        var output = Directory.CreateTempSubdirectory("tessera-findscu-");
        try
        {
            var arguments = new List<string> { "-v", model, "-X", "-od", output.FullName, "-aec", AETitle };
            foreach (var key in keys)
            {
                arguments.Add("-k");
                arguments.Add(key);
            }

            arguments.Add("127.0.0.1");
            arguments.Add(PortText);
            var (exit, log) = await Dcmtk.RunAsync("findscu", [.. arguments]);
            Assert.True(exit == 0, log);
            var matches = output.GetFiles("rsp*.dcm").OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => DicomFile.Open(f.FullName).Dataset).ToList();
            return (matches, log);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
