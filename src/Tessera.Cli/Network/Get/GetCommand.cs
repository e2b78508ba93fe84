using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Network.Query;
using Tessera.Dicom;
using Tessera.Dicom.Values;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network.Get;

/// <summary>
/// `tessera get HOST PORT -k ... --out DIR`: C-GET (PS3.4 C.4.3) like DCMTK's getscu, the instances coming back on the
/// same association as C-STORE sub-operations and written, as `tessera receive` writes them, to DIR/&lt;SOPInstanceUID&gt;.dcm.
/// </summary>
internal static class GetCommand
{
    /// <summary>
    /// Uncompressed first, then the encapsulated and other syntaxes a PACS commonly stores. Not every known syntax:
    /// DCMTK 3.6.7 refuses a whole association whose context proposes more than it can hold ("too many transfer syntaxes").
    /// </summary>
    private static readonly string[] RetrievedTransferSyntaxes =
    [
        DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ImplicitVRLittleEndian.Uid,
        "1.2.840.10008.1.2.4.70", // JPEG Lossless SV1
        "1.2.840.10008.1.2.4.57", // JPEG Lossless
        "1.2.840.10008.1.2.4.50", // JPEG Baseline
        "1.2.840.10008.1.2.4.51", // JPEG Extended
        "1.2.840.10008.1.2.4.80", // JPEG-LS Lossless
        "1.2.840.10008.1.2.4.81", // JPEG-LS Near-Lossless
        "1.2.840.10008.1.2.4.90", // JPEG 2000 Lossless
        "1.2.840.10008.1.2.4.91", // JPEG 2000
        "1.2.840.10008.1.2.5", // RLE Lossless
        "1.2.840.10008.1.2.1.99", // Deflated Explicit VR LE
        DicomTransferSyntax.ExplicitVRBigEndian.Uid,
    ];

    public static Command Create()
    {
        var peer = new PeerOptions();
        var query = new QueryOptions();
        var output = new Option<string>("--out", "-o") { Description = "folder the instances are written to (created if missing)", Required = true };
        var window = new Option<int>("--window", "-w")
        {
            Description = "C-STORE sub-operations received at once (asynchronous operations window, PS3.7 D.3.3.3), as far as the peer agrees; most peers send one at a time (default 1)",
            DefaultValueFactory = _ => 1,
        };
        window.Validators.Add(result => IntegerRange.Check(result, 1, 64, _ => "--window must be 1-64"));
        var sopClasses = new Option<string[]>("--sop-class")
        {
            Description = "a storage SOP class UID to receive, proposed first (repeat for several); the classes the peer reports for the matches (SOP Classes in Study, or SOP Class UID at IMAGE level, asked by C-FIND first) come next, then the standard ones",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        sopClasses.Validators.Add(result =>
        {
            foreach (var uid in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!DicomUid.TryValidate(uid, DicomParseMode.Strict, out var problem))
                {
                    result.AddError($"--sop-class {uid}: {problem}");
                }
            }
        });
        var command = new Command("get", "Retrieve matching instances from a DICOM peer with C-GET into a folder.") { output, window, sopClasses };
        peer.AddTo(command);
        query.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var sopClass = query.IsPatientRoot(parseResult) ? DicomUids.PatientRootQueryRetrieveInformationModelGet : DicomUids.StudyRootQueryRetrieveInformationModelGet;
            var retrieve = new GetRequest(sopClass, query.Identifier(parseResult), parseResult.GetValue(output)!, parseResult.GetValue(window), parseResult.GetValue(sopClasses) ?? [], query.IsPatientRoot(parseResult));
            return RunAsync(parseResult, peer, retrieve, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, PeerOptions peer, GetRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (sopClass, identifier, outputDirectory, window, extraSopClasses, patientRoot) = request;
        var peerName = peer.Describe(parseResult);
        try
        {
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"tessera get: {outputDirectory}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        try
        {
            // The storage SOP classes with the SCP role (PS3.4 C.4.3.1), with the common stored syntaxes so that
            // instances come back as they are rather than converted: those named, then those the peer says the matches
            // hold, then the standard ones, as the list is cut at 128 contexts.
            var asked = await RetrievedSopClasses.AskAsync(parseResult, peer, patientRoot, identifier, cancellationToken).ConfigureAwait(false);
            var storage = extraSopClasses.Concat(asked).Concat(DicomPresentationContexts.StorageSopClasses).Distinct(StringComparer.Ordinal);
            var contexts = DicomPresentationContexts.ForGet(storage, RetrievedTransferSyntaxes);
            var defaults = peer.ClientOptions(parseResult, []);
            var options = defaults with { PresentationContexts = contexts, Association = defaults.Association with { MaxOperationsPerformed = window } };
            await using var client = await DicomClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            long received = 0;
            var handler = new Part10StoreHandler(outputDirectory, stored => Interlocked.Add(ref received, stored.Length));
            var bar = SubOperationProgress.BarForConsole();
            var result = await client.GetAsync(sopClass, identifier, handler, new SubOperationProgress("tessera get", error, bar, () => Interlocked.Read(ref received)), cancellationToken).ConfigureAwait(false);
            bar?.Complete();
            await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            foreach (var line in SubOperationProgress.Summary($"C-GET into {outputDirectory} from", peerName, result))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            if (window > 1)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  window {client.Association.OperationsWindow.Performed} of {window} asked")).ConfigureAwait(false);
            }

            return SubOperationProgress.Failed(result) ? ExitCodes.InputError : ExitCodes.Success;
        }
        catch (Exception ex) when (NetworkFailure.IsExpected(ex))
        {
            await error.WriteLineAsync($"tessera get: {peerName}: {NetworkFailure.Describe(ex)}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }
    }

    /// <summary>What to retrieve (in which information model), where to, and the storage SOP classes named beyond the standard ones.</summary>
    private sealed record GetRequest(string SopClass, DicomDataset Identifier, string OutputDirectory, int Window, string[] ExtraSopClasses, bool PatientRoot);
}
