using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network.Echo;

/// <summary>`tessera echo HOST PORT`: C-ECHO (PS3.7 9.1.5) on one association, timed, like DCMTK's echoscu.</summary>
internal static class EchoCommand
{
    public static Command Create()
    {
        var peer = new PeerOptions();
        var repeat = new Option<int>("--repeat") { Description = "send N C-ECHOs on the association and print p50/p95 round trips", DefaultValueFactory = _ => 1 };
        var command = new Command("echo", "Verify a DICOM peer with C-ECHO and print the round-trip time.") { repeat };
        peer.AddTo(command);
        repeat.Validators.Add(result => IntegerRange.Check(result, 1, int.MaxValue, _ => "--repeat must be at least 1"));
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, peer, parseResult.GetValue(repeat), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, PeerOptions peer, int repeat, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var peerName = peer.Describe(parseResult);
        try
        {
            var connecting = Stopwatch.StartNew();
            await using var client = await DicomClient.ConnectAsync(peer.ClientOptions(parseResult, []), cancellationToken: cancellationToken).ConfigureAwait(false);
            var associated = connecting.Elapsed;
            var roundTrips = new double[repeat];
            for (var i = 0; i < repeat; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var status = await client.EchoAsync(cancellationToken).ConfigureAwait(false);
                roundTrips[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!status.IsSuccess)
                {
                    await error.WriteLineAsync($"tessera echo: {peerName}: C-ECHO status {status}").ConfigureAwait(false);
                    return ExitCodes.InputError;
                }
            }

            await client.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            var ms = CultureInfo.InvariantCulture;
            if (repeat == 1)
            {
                await output.WriteLineAsync(string.Create(ms, $"C-ECHO {peerName}: Success, round trip {roundTrips[0]:0.000} ms (association {associated.TotalMilliseconds:0.0} ms)")).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(string.Create(ms, $"C-ECHO {peerName}: {repeat} x Success, round trip {RoundTrips.Summarize(roundTrips)} (association {associated.TotalMilliseconds:0.0} ms)")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (NetworkFailure.IsExpected(ex))
        {
            await error.WriteLineAsync($"tessera echo: {peerName}: {NetworkFailure.Describe(ex)}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }
    }
}
