namespace Tessera.Generator;

/// <summary>Where the generator reads its inputs and writes its outputs, relative to the repository root.</summary>
public static class RepositoryLayout
{
    public const string SolutionFileName = "Tessera.sln";

    /// <summary>Walks up from <paramref name="start"/> to the first directory holding Tessera.sln.</summary>
    public static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public static string StandardDirectory(string root) => Path.Combine(root, "tools", "Tessera.Generator", "standard");

    public static string OutputDirectory(string root) => Path.Combine(root, "src", "Tessera.Dicom", "Dictionary");

    /// <summary>Where the DIMSE status catalogue goes: Tessera.Dimse, which must not depend on the generator's other outputs' layer.</summary>
    public static string DimseOutputDirectory(string root) => Path.Combine(root, "src", "Tessera.Dimse", "Messages");

    /// <summary>Every output directory with the files generated into it, for the generator and its staleness test alike.</summary>
    public static IReadOnlyList<GeneratedTarget> Targets(string root)
    {
        var standard = StandardDirectory(root);
        return
        [
            new GeneratedTarget(OutputDirectory(root), DictionaryGenerator.Generate(standard)),
            new GeneratedTarget(DimseOutputDirectory(root), DimseStatusGenerator.Generate(standard)),
        ];
    }
}
