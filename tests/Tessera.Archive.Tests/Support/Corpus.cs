namespace Tessera.Archive.Tests.Support;

/// <summary>Where the shared test corpus (tests/data/corpus) is, found by walking up from the test binaries.</summary>
internal static class Corpus
{
    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The corpus's DICOM files (MANIFEST.tsv rows).</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. File.ReadLines(Path.Combine(Find(), "MANIFEST.tsv")).Skip(1).Select(line => line.Split('\t')[0]).Where(name => name.Length > 0)];

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "data", "corpus");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/corpus not found above " + AppContext.BaseDirectory);
    }
}
