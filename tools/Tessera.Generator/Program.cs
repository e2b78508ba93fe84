using Tessera.Generator;

// Usage: dotnet run --project tools/Tessera.Generator [-- <repository root>]
// Without an argument the root is found by walking up from the working directory to Tessera.sln.
var root = args.Length > 0 ? Path.GetFullPath(args[0]) : RepositoryLayout.FindRoot(Directory.GetCurrentDirectory());
if (root is null || !File.Exists(Path.Combine(root, RepositoryLayout.SolutionFileName)))
{
    await Console.Error.WriteLineAsync($"Cannot find {RepositoryLayout.SolutionFileName}; pass the repository root as the first argument.");
    return 2;
}

foreach (var target in RepositoryLayout.Targets(root))
{
    await WriteAsync(root, target);
}

return 0;

static async Task WriteAsync(string root, GeneratedTarget target)
{
    Directory.CreateDirectory(target.Directory);

    // A *.g.cs that the generator no longer emits would otherwise linger and still compile.
    foreach (var stale in Directory.EnumerateFiles(target.Directory, "*.g.cs"))
    {
        if (!target.Files.ContainsKey(Path.GetFileName(stale)))
        {
            File.Delete(stale);
            Console.WriteLine($"deleted {Path.GetRelativePath(root, stale)}");
        }
    }

    foreach (var (name, content) in target.Files)
    {
        var path = Path.Combine(target.Directory, name);
        if (File.Exists(path) && await File.ReadAllTextAsync(path) == content)
        {
            Console.WriteLine($"unchanged {Path.GetRelativePath(root, path)}");
            continue;
        }

        await File.WriteAllTextAsync(path, content);
        Console.WriteLine($"wrote {Path.GetRelativePath(root, path)}");
    }
}
