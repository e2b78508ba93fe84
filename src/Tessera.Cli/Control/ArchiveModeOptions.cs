using System.CommandLine;

namespace Tessera.Cli.Control;

/// <summary>`--direct` and `--through-server`, shared by `import` and `check`.</summary>
internal sealed class ArchiveModeOptions
{
    private readonly Option<bool> _direct = new("--direct") { Description = "work on the data folder in this process (refused while a tessera serve runs on it)" };
    private readonly Option<bool> _throughServer = new("--through-server") { Description = "work inside the tessera serve running on the data folder (refused when none runs)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_direct);
        command.Options.Add(_throughServer);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_direct) && result.GetValue(_throughServer))
            {
                result.AddError("--direct and --through-server exclude each other");
            }
        });
    }

    public ArchiveMode Get(ParseResult parseResult) =>
        parseResult.GetValue(_direct) ? ArchiveMode.Direct
        : parseResult.GetValue(_throughServer) ? ArchiveMode.ThroughServer
        : ArchiveMode.Automatic;
}
