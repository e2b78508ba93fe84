using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tessera.Server;

namespace Tessera.Cli.Serve;

/// <summary>
/// `tessera serve`: the archive answering over DICOM (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET, Storage Commitment).
/// Flags override appsettings.json in the data folder and Tessera__* environment variables; they are passed on as
/// configuration keys so that one binding (Tessera.Server) reads all three.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data", "-d") { Description = "the data folder: index.db, files/, appsettings.json (default ./tessera-data)" };
        var port = new Option<int?>("--dicom-port") { Description = "DICOM port (default 11112)" };
        var aeTitle = new Option<string?>("--ae-title") { Description = "AE title (default TESSERA)" };
        var bind = new Option<string?>("--bind") { Description = "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)" };
        var peers = new Option<string[]>("--peer") { Description = "a known peer and C-MOVE destination, AE=HOST:PORT (repeatable)", AllowMultipleArgumentsPerToken = false };
        var tlsPort = new Option<int?>("--tls-port") { Description = "DICOM TLS port (needs Tessera:Dicom:Tls:Certificate; --dicom-port -1 disables plain TCP)" };
        var allow = new Option<string[]>("--allow") { Description = "a calling AE title allowed to associate, AE or AE@ADDRESS (repeatable; required with a non-loopback --bind)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Run the archive: a DICOM server storing, finding and retrieving instances.")
        {
            data, port, aeTitle, bind, peers, tlsPort, allow,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Set(overrides, "Tessera:Data", parseResult.GetValue(data));
            Set(overrides, "Tessera:Dicom:Port", parseResult.GetValue(port)?.ToString(CultureInfo.InvariantCulture));
            Set(overrides, "Tessera:Dicom:AETitle", parseResult.GetValue(aeTitle));
            Set(overrides, "Tessera:Dicom:Bind", parseResult.GetValue(bind));
            Set(overrides, "Tessera:Dicom:TlsPort", parseResult.GetValue(tlsPort)?.ToString(CultureInfo.InvariantCulture));
            var allowed = parseResult.GetValue(allow) ?? [];
            for (var i = 0; i < allowed.Length; i++)
            {
                overrides[$"Tessera:Dicom:AllowedCallingAETitles:{i}"] = allowed[i];
            }

            foreach (var peer in parseResult.GetValue(peers) ?? [])
            {
                if (!PeerAddress.TrySplitFlag(peer, out var ae, out var address))
                {
                    await Console.Error.WriteLineAsync($"tessera serve: --peer '{peer}' is not AE=HOST:PORT").ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }

                overrides[$"Tessera:Dicom:Peers:{ae}"] = address;
            }

            return await RunAsync(overrides, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = TesseraHost.Build(overrides);
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                await Console.Error.WriteLineAsync($"tessera serve: {failure}").ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        using (host)
        {
            try
            {
                // The token fires on SIGTERM/Ctrl-C: the host stops the listener and gives associations the grace period.
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DataFolderInUseException exception)
            {
                // A direct `import`/`check` (or another server) holds the data folder: nothing was started or swept.
                await Console.Error.WriteLineAsync($"tessera serve: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }
            catch (System.Net.Sockets.SocketException exception)
            {
                await Console.Error.WriteLineAsync($"tessera serve: cannot listen: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }
            catch (System.Security.Cryptography.CryptographicException exception)
            {
                // The message names the problem (wrong password, unreadable key), never the password itself.
                await Console.Error.WriteLineAsync($"tessera serve: cannot load the TLS certificate (Tessera:Dicom:Tls): {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
        }

        return ExitCodes.Success;
    }

    private static void Set(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
