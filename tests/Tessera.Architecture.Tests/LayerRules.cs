namespace Tessera.Architecture.Tests;

/// <summary>
/// The arrows of STYLE.md's "shape of the house": which Tessera assemblies each one may reference.
/// Third-party packages are governed separately by <see cref="MayReferenceThirdParty"/>.
/// </summary>
internal static class LayerRules
{
    private static readonly string[] Everything = ["*"];

    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Tessera.Dicom"] = [],
        ["Tessera.Dicom.Codecs"] = ["Tessera.Dicom"],
        ["Tessera.Dicom.Imaging"] = ["Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.Dimse"] = ["Tessera.Dicom"],
        ["Tessera.Archive"] = ["Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.Index.Sqlite"] = ["Tessera.Archive", "Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.Index.Postgres"] = ["Tessera.Archive", "Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.Blobs.FileSystem"] = ["Tessera.Archive", "Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.Archive.Dimse"] = ["Tessera.Archive", "Tessera.Dimse", "Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.DicomWeb"] = ["Tessera.Archive", "Tessera.Dicom.Imaging", "Tessera.Dicom", "Tessera.Dicom.Codecs"],
        ["Tessera.Server"] = Everything,
        ["tessera"] = Everything, // Tessera.Cli's assembly is named for the executable it becomes
    };

    /// <summary>The toolkit is BCL only (STYLE.md): it must run anywhere .NET runs, with nothing to install.</summary>
    public static bool MayReferenceThirdParty(string assembly) => assembly != "Tessera.Dicom";

    public static bool IsFramework(string referenced) =>
        referenced is "netstandard" or "mscorlib" || referenced.StartsWith("System", StringComparison.Ordinal)
            || referenced.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
