namespace Tessera.Interop.Tests.Support;

/// <summary>Paths in the source tree (corpus, tests/interop), found by walking up from the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Corpus(string name) => Path.Combine(Root, "tests", "data", "corpus", name);

    public static string InteropScripts => Path.Combine(Root, "tests", "interop");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "tests", "data", "corpus")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("tests/data/corpus not found above " + AppContext.BaseDirectory);
    }
}
