using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Tessera.Dicom;
using Tessera.Dimse.Network;

namespace Tessera.Cli.Network.Receive;

/// <summary>
/// `tessera receive --port N --out DIR`: a storage SCP (PS3.4 Annex B) writing every instance it receives as a
/// Part 10 file, like DCMTK's storescp, but listening on loopback unless told otherwise.
/// </summary>
internal static class ReceiveCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "TCP port to listen on; 0 picks a free one (printed on stderr)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "folder the received files go to (created if missing)", Required = true };
        var aeTitle = new Option<string?>("--aet") { Description = "our AE title; when given, associations calling another are rejected (default: answer any)" };
        var bind = new Option<string>("--bind") { Description = "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "do not print a line per received instance" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "log associations and protocol events on stderr (twice as much with --debug)" };
        var debug = new Option<bool>("--debug", "-d") { Description = "log every state-machine event on stderr" };
        var command = new Command("receive", "Run a storage SCP that writes each received instance to OUT/<SOPInstanceUID>.dcm; stops on SIGTERM or Ctrl-C.")
        {
            port, output, aeTitle, bind, quiet, verbose, debug,
        };
        port.Validators.Add(result => IntegerRange.Check(result, 0, 65535, _ => "--port must be 0-65535"));
        bind.Validators.Add(result =>
        {
            if (!IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--bind must be an IP address, not '{result.GetValueOrDefault<string>()}'");
            }
        });
        var tls = new TlsOptions(server: true);
        tls.AddTo(command);
        aeTitle.Validators.Add(PeerOptions.ValidateAETitle);
        command.SetAction(parseResult =>
        {
            var options = new DicomServerOptions
            {
                AETitle = parseResult.GetValue(aeTitle),
                Address = IPAddress.Parse(parseResult.GetValue(bind)!),
                Port = parseResult.GetValue(port),
                StorageSopClasses = StorageSopClasses.All,

                // A study arrives whole, a scanner's private objects (CSA Non-Image, raw data) and later editions' classes too.
                AcceptUnlistedStorageSopClasses = true,
                TransferSyntaxes = StorageSopClasses.ReceiverTransferSyntaxes,
                Tls = tls.Build(parseResult),

                // A requestor that asks for an asynchronous operations window (PS3.7 D.3.3.3) may overlap up to 16 C-STOREs.
                Association = new DicomAssociationOptions { MaxOperationsPerformed = 16 },
            };
            var level = parseResult.GetValue(debug) ? LogLevel.Trace : parseResult.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning;
            return RunAsync(options, parseResult.GetValue(output)!, parseResult.GetValue(quiet), level, Console.Out, Console.Error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(DicomServerOptions options, string outputDirectory, bool quiet, LogLevel logLevel, TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"tessera receive: {outputDirectory}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        using var stop = new CancellationTokenSource();

        // Graceful stop: the signal only asks; the server stops accepting and lets associations release.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        var lines = TextWriter.Synchronized(output);
        var handler = new Part10StoreHandler(outputDirectory, quiet ? null : instance => lines.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"stored {instance.Path} ({DicomUidRegistry.Find(instance.SopClassUid)?.Name ?? instance.SopClassUid}, {DicomUidRegistry.Find(instance.TransferSyntaxUid)?.Name ?? instance.TransferSyntaxUid}, {instance.Length} bytes) from {instance.CallingAETitle.Trim()}")));
        var server = new DicomServer(options, store: handler, logger: new ConsoleLogger<DicomServer>(error, logLevel));
        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.StartAsync(stop.Token).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                await error.WriteLineAsync($"tessera receive: cannot listen on {options.Address}:{options.Port}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"tessera receive: listening on {server.LocalEndPoint} as {options.AETitle ?? "any AE title"}, writing to {Path.GetFullPath(outputDirectory)}")).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }

            await error.WriteLineAsync("tessera receive: stopping").ConfigureAwait(false);
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await lines.FlushAsync().ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
