namespace Tessera.Dicom.Tests.Text;

/// <summary>Locates tests/data/corpus from the test binaries, wherever the build puts them.</summary>
public static class CorpusFiles
{
    public static string Directory { get; } = Find();

    public static string Dumps => Path.Combine(Directory, "dumps");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

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
