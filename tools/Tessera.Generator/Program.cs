using Tessera.Generator;

// Usage: dotnet run --project tools/Tessera.Generator [-- <repository root>]
// Without an argument the root is found by walking up from the working directory to Tessera.sln.
var root = args.Length > 0 ? Path.GetFullPath(args[0]) : RepositoryLayout.FindRoot(Directory.GetCurrentDirectory());
if (root is null || !File.Exists(Path.Combine(root, RepositoryLayout.SolutionFileName)))
{
    await Console.Error.WriteLineAsync($"Cannot find {RepositoryLayout.SolutionFileName}; pass the repository root as the first argument.");
    return 2;
}

var files = DictionaryGenerator.Generate(RepositoryLayout.StandardDirectory(root));
var outputDirectory = RepositoryLayout.OutputDirectory(root);
Directory.CreateDirectory(outputDirectory);

// A *.g.cs that the generator no longer emits would otherwise linger and still compile.
foreach (var stale in Directory.EnumerateFiles(outputDirectory, "*.g.cs"))
{
    if (!files.ContainsKey(Path.GetFileName(stale)))
    {
        File.Delete(stale);
        Console.WriteLine($"deleted {Path.GetRelativePath(root, stale)}");
    }
}

foreach (var (name, content) in files)
{
    var path = Path.Combine(outputDirectory, name);
    if (File.Exists(path) && await File.ReadAllTextAsync(path) == content)
    {
        Console.WriteLine($"unchanged {Path.GetRelativePath(root, path)}");
        continue;
    }

    await File.WriteAllTextAsync(path, content);
    Console.WriteLine($"wrote {Path.GetRelativePath(root, path)}");
}

return 0;
