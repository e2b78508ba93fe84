using System.CommandLine;
using Tessera.Cli;

var parseResult = TesseraCommand.Create().Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        Console.Error.WriteLine($"tessera: {error.Message}");
    }

    Console.Error.WriteLine("Try 'tessera --help'.");
    return ExitCodes.UsageError;
}

// SIGTERM/Ctrl-C cancel the verb's token; System.CommandLine's default 2 s before it gives up waiting would cut
// `serve`'s shutdown grace period (running associations finish, Tessera:Dicom:ShutdownGracePeriod, 10 s by default).
return parseResult.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
