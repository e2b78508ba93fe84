using System.Globalization;
using Tessera.Index.Sqlite;

namespace Tessera.Benchmarks.Archive;

/// <summary>
/// `archive-scale [--instances N] [--ingest N] [--page-size B] [--wal-autocheckpoint PAGES] [--data DIR] [--out DIR]`: the archive's speed and
/// scale figures in one TSV (benchmarks/results/archive-scale-*.tsv by default). The machine is
/// shared, so the load average before and after is recorded with them.
/// </summary>
internal static class ArchiveScale
{
    public static async Task<int> RunAsync(string[] args)
    {
        long instances = 1_000_000;
        var ingest = 300;
        var options = new SqliteIndexOptions("index.db");
        string? data = null;
        var output = Path.Combine(FindBenchmarks(), "results");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances":
                    instances = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--ingest":
                    ingest = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--wal-autocheckpoint":
                    options = options with { WalAutocheckpointPages = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--page-size":
                    options = options with { PageSize = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--data":
                    data = args[++i];
                    break;
                case "--out":
                    output = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"archive-scale: unknown argument {args[i]}");
                    return 2;
            }
        }

        // Not /tmp: it may be tmpfs, where fsync costs nothing and the figures would flatter.
        var folder = data ?? Path.Combine(Environment.CurrentDirectory, $".archive-scale-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        var table = new ResultTable();
        table.Add("load_average_start", ResultTable.LoadAverage(), "1-min", $"{Environment.ProcessorCount} cores, shared with other work");
        table.Add("sqlite_page_size", options.PageSize, "B", string.Empty);
        table.Add("sqlite_wal_autocheckpoint", options.WalAutocheckpointPages, "pages", string.Empty);
        try
        {
            if (ingest > 0)
            {
                FsyncOrder.Run(folder, ingest / 2, table);
                await IngestPath.RunAsync(folder, ingest, options, table);
            }

            if (instances > 0)
            {
                await IndexScale.RunAsync(folder, instances, options, table);
            }

            table.Add("load_average_end", ResultTable.LoadAverage(), "1-min", string.Empty);
        }
        finally
        {
            if (data is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine(table.Write(output, "archive-scale"));
        return 0;
    }

    private static string FindBenchmarks()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "benchmarks");
            if (Directory.Exists(Path.Combine(candidate, "Tessera.Benchmarks")))
            {
                return candidate;
            }
        }

        return Environment.CurrentDirectory;
    }
}
