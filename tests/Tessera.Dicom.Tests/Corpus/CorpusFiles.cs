namespace Tessera.Dicom.Tests.Corpus;

/// <summary>Locates tests/data/corpus from the test binaries and lists its files with their MANIFEST rows.</summary>
internal static class CorpusFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    private static readonly Lazy<IReadOnlyDictionary<string, string[]>> Manifest = new(LoadManifest);

    public static string Directory => Root.Value;

    public static string PathOf(string name) => Path.Combine(Root.Value, name);

    /// <summary>Every DICOM file of the corpus (the *.dcm files and the DICOMDIR).</summary>
    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Root.Value)
            .Select(Path.GetFileName)
            .Where(name => name!.EndsWith(".dcm", StringComparison.Ordinal) || name == "dicomdir_pydicom")
            .Order(StringComparer.Ordinal)!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The dcmdump exit status recorded in MANIFEST.tsv (0 = DCMTK accepted the file).</summary>
    public static int DcmdumpExit(string name) =>
        Manifest.Value.TryGetValue(name, out var row) && int.TryParse(row[^1], out var exit) ? exit : 0;

    public static string Notes(string name) => Manifest.Value.TryGetValue(name, out var row) ? row[12] : string.Empty;

    private static IReadOnlyDictionary<string, string[]> LoadManifest()
    {
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Root.Value, "MANIFEST.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            rows[columns[0]] = columns;
        }

        return rows;
    }

    private static string FindRoot()
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
