using System.CommandLine;
using Tessera.Archive.Check;
using Tessera.Cli.Archive;

namespace Tessera.Cli.Check;

/// <summary>`tessera check [--data DIR]`: index against stored files; exit 3 when anything is missing, orphaned or corrupt.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data", "-d") { Description = "the archive's data folder (index.db and files/)", DefaultValueFactory = _ => ArchiveData.DefaultFolder };
        var quick = new Option<bool>("--quick") { Description = "check presence only, do not read every file to verify its SHA-256" };
        var command = new Command("check", "Compare the index with the stored files: missing, orphaned and corrupt (checksum) files.")
        {
            data, quick,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(data)!, !parseResult.GetValue(quick), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string dataFolder, bool verifyChecksums, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataFolder, "index.db")))
        {
            error.WriteLine($"tessera check: {dataFolder}: no archive here (no index.db)");
            return ExitCodes.InputError;
        }

        var archive = await ArchiveData.OpenAsync(dataFolder, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var report = await new ArchiveChecker(archive.Index, archive.Blobs).CheckAsync(verifyChecksums, 4, cancellationToken).ConfigureAwait(false);
            foreach (var path in report.Missing)
            {
                output.WriteLine($"missing  {path}");
            }

            foreach (var path in report.Corrupt)
            {
                output.WriteLine($"corrupt  {path}");
            }

            foreach (var path in report.Orphans)
            {
                output.WriteLine($"orphan   {path}");
            }

            output.WriteLine(
                $"{report.Versions} stored versions checked{(verifyChecksums ? " with SHA-256" : string.Empty)}: {report.Missing.Count} missing, "
                + $"{report.Corrupt.Count} corrupt, {report.Orphans.Count} orphaned; {report.TemporariesSwept} temporary files removed");
            return report.IsConsistent ? ExitCodes.Success : ExitCodes.Inconsistent;
        }
    }
}
