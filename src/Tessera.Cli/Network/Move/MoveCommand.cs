using System.CommandLine;
using Tessera.Cli.Network.Query;
using Tessera.Dicom;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network.Move;

/// <summary>
/// `tessera move HOST PORT --dest AE -k ...`: C-MOVE (PS3.4 C.4.2) like DCMTK's movescu -aem, the peer sending the
/// matches to the destination AE it knows; sub-operation counts on stderr as they come, a summary at the end.
/// </summary>
internal static class MoveCommand
{
    public static Command Create()
    {
        var peer = new PeerOptions();
        var query = new QueryOptions();
        var destination = new Option<string>("--dest") { Description = "Move Destination: the AE title the peer sends the instances to (it must know its address)", Required = true };
        var command = new Command("move", "Ask a DICOM peer to send matching instances to an AE with C-MOVE.") { destination };
        peer.AddTo(command);
        query.AddTo(command);
        destination.Validators.Add(PeerOptions.ValidateAETitle);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var sopClass = query.IsPatientRoot(parseResult) ? DicomUids.PatientRootQueryRetrieveInformationModelMove : DicomUids.StudyRootQueryRetrieveInformationModelMove;
            return RunAsync(parseResult, peer, sopClass, parseResult.GetValue(destination)!, query.Identifier(parseResult), Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, PeerOptions peer, string sopClass, string destination, DicomDataset identifier, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var peerName = peer.Describe(parseResult);
        try
        {
            var options = peer.ClientOptions(parseResult, []) with { PresentationContexts = DicomPresentationContexts.Scu([sopClass]) };
            await using var client = await DicomClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            var bar = SubOperationProgress.BarForConsole();
            var result = await client.MoveAsync(sopClass, destination, identifier, new SubOperationProgress("tessera move", error, bar), cancellationToken).ConfigureAwait(false);
            bar?.Complete();
            await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            foreach (var line in SubOperationProgress.Summary($"C-MOVE to {destination} via", peerName, result))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return SubOperationProgress.Failed(result) ? ExitCodes.InputError : ExitCodes.Success;
        }
        catch (Exception ex) when (NetworkFailure.IsExpected(ex))
        {
            await error.WriteLineAsync($"tessera move: {peerName}: {NetworkFailure.Describe(ex)}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }
    }
}
