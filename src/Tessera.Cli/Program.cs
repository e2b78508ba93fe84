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

return parseResult.Invoke();
