using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tessera.Cli.Dump;
using Tessera.Cli.Network.Query;
using Tessera.Dicom;
using Tessera.Dicom.Serialization;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network.Find;

/// <summary>
/// `tessera find HOST PORT -k KEY=VALUE...`: C-FIND (PS3.4 C.4.1, K.4 for the worklist) like DCMTK's findscu, each
/// match printed as it arrives, as a dump block or, with --json, as an element of one DICOM JSON array (PS3.18 F.2).
/// </summary>
internal static class FindCommand
{
    public static Command Create()
    {
        var peer = new PeerOptions();
        var query = new QueryOptions();
        var worklist = new Option<bool>("--worklist", "-W") { Description = "Modality Worklist Information Model FIND (1.2.840.10008.5.1.4.31); no Query/Retrieve Level" };
        var json = new Option<bool>("--json") { Description = "print the matches as a DICOM JSON array (PS3.18 Annex F)" };
        var repeat = new Option<int>("--repeat") { Description = "send the query N times on the association: the first answer's matches are printed, the others timed (request to final response, p50/p95)", DefaultValueFactory = _ => 1 };
        var command = new Command("find", "Query a DICOM peer with C-FIND and print each match.") { worklist, json, repeat };
        peer.AddTo(command);
        repeat.Validators.Add(result => IntegerRange.Check(result, 1, int.MaxValue, _ => "--repeat must be at least 1"));
        query.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(worklist) && (result.GetValue(query.PatientRoot) || result.GetValue(query.StudyRoot)))
            {
                result.AddError("--worklist excludes --patient-root and --study-root");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var isWorklist = parseResult.GetValue(worklist);
            var sopClass = isWorklist ? DicomUids.ModalityWorklistInformationModelFind
                : query.IsPatientRoot(parseResult) ? DicomUids.PatientRootQueryRetrieveInformationModelFind
                : DicomUids.StudyRootQueryRetrieveInformationModelFind;
            return RunAsync(parseResult, peer, sopClass, query.Identifier(parseResult, withLevel: !isWorklist), parseResult.GetValue(json), parseResult.GetValue(repeat), Console.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, PeerOptions peer, string sopClass, DicomDataset identifier, bool json, int repeat, TextWriter error, CancellationToken cancellationToken)
    {
        var peerName = peer.Describe(parseResult);
        var stdout = Console.OpenStandardOutput();
        await using var output = new StreamWriter(stdout, new System.Text.UTF8Encoding(false)) { AutoFlush = false };
        try
        {
            var options = peer.ClientOptions(parseResult, []) with { PresentationContexts = DicomPresentationContexts.Scu([sopClass]) };
            await using var client = await DicomClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            DimseResult result;
            if (json)
            {
                var matches = new List<DicomDataset>();
                result = await client.FindAsync(sopClass, identifier, (match, _) => { matches.Add(match); return ValueTask.CompletedTask; }, cancellationToken).ConfigureAwait(false);
                await new DicomJsonWriter(new DicomJsonWriterOptions { Indented = true }).WriteAsync(stdout, matches, cancellationToken).ConfigureAwait(false);
                await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var formatter = new DumpFormatter(output);
                var number = 0;
                result = await client.FindAsync(
                    sopClass,
                    identifier,
                    async (match, _) =>
                    {
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"# Match {++number}")).ConfigureAwait(false);
                        formatter.Write(match);
                        await output.WriteLineAsync().ConfigureAwait(false);
                        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            // The queries after the first are timed and their matches only counted, so the times are the peer's and the
            // network's, not the printing's.
            var roundTrips = new double[repeat - 1];
            for (var i = 1; i < repeat && !result.Status.IsFailure; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var again = await client.FindAsync(sopClass, identifier, (_, _) => ValueTask.CompletedTask, cancellationToken).ConfigureAwait(false);
                roundTrips[i - 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (again.Matches != result.Matches || again.Status != result.Status)
                {
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"tessera find: {peerName}: query {i + 1} answered {again.Matches} match(es), status {again.Status}; the first answered {result.Matches}, status {result.Status}")).ConfigureAwait(false);
                    return ExitCodes.InputError;
                }
            }

            await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            var summary = string.Create(CultureInfo.InvariantCulture, $"C-FIND {peerName}: {result.Matches} match(es), status {result.Status}{(result.ErrorComment is { } c ? $": {c}" : string.Empty)}");
            if (repeat > 1 && !result.Status.IsFailure)
            {
                summary += string.Create(CultureInfo.InvariantCulture, $"; {repeat - 1} more time(s), round trip {RoundTrips.Summarize(roundTrips)}");
            }

            await error.WriteLineAsync(summary).ConfigureAwait(false);
            return result.Status.IsFailure ? ExitCodes.InputError : ExitCodes.Success;
        }
        catch (Exception ex) when (NetworkFailure.IsExpected(ex))
        {
            await error.WriteLineAsync($"tessera find: {peerName}: {NetworkFailure.Describe(ex)}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }
    }
}
