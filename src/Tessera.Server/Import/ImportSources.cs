using Tessera.Dicom;
using Tessera.Dicom.IO;

namespace Tessera.Server.Import;

/// <summary>
/// The files an import covers: files as given, folders recursively, DICOMDIRs (PS3.10 8.6, PS3.3 F.3) expanded to the
/// files their records reference. Each file once, in a stable order. A file found in a folder that is not DICOM
/// (<see cref="DicomFileSniffer"/>) is reported as skipped; a file named explicitly goes to ingest whatever it is, so
/// that a wrong name is an error rather than silence.
/// </summary>
public static class ImportSources
{
    public static List<string> Expand(IEnumerable<string> paths, Action<ImportEvent> report)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(report);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }))
                {
                    Add(file, files, report, foundInFolder: true);
                }
            }
            else if (File.Exists(path))
            {
                Add(path, files, report, foundInFolder: false);
            }
            else
            {
                report(new ImportEvent(ImportEventKind.NotFound, path, Reason: "no such file or folder"));
            }
        }

        return [.. files];
    }

    private static void Add(string path, SortedSet<string> files, Action<ImportEvent> report, bool foundInFolder)
    {
        var full = Path.GetFullPath(path);
        if (IsDicomDir(full))
        {
            foreach (var referenced in ReferencedFiles(full, message => report(new ImportEvent(ImportEventKind.Warning, full, Reason: message))))
            {
                files.Add(referenced);
            }
        }
        else if (foundInFolder && !files.Contains(full) && !DicomFileSniffer.MayBeDicom(full))
        {
            report(new ImportEvent(ImportEventKind.Skipped, full, Reason: "not DICOM"));
        }
        else
        {
            files.Add(full);
        }
    }

    /// <summary>A DICOMDIR by name (PS3.10 8.6: the file ID is always "DICOMDIR").</summary>
    private static bool IsDicomDir(string path) => string.Equals(Path.GetFileName(path), "DICOMDIR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Referenced File IDs (0004,1500) of every directory record, resolved against the DICOMDIR's folder.</summary>
    public static IEnumerable<string> ReferencedFiles(string dicomDir, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        DicomFile file;
        try
        {
            file = DicomFile.Open(dicomDir);
        }
        catch (DicomException exception)
        {
            warn($"not a readable DICOMDIR: {exception.Message}");
            yield break;
        }

        var root = Path.GetDirectoryName(dicomDir)!;
        if (file.Dataset[DicomTags.DirectoryRecordSequence] is not DicomSequence records)
        {
            yield break;
        }

        foreach (var record in records.Items)
        {
            var components = record.GetStrings(DicomTags.ReferencedFileID);
            if (components.Length == 0)
            {
                continue;
            }

            // PS3.10 8.2: components are uppercase letters, digits and '_' (at most 8); anything else
            // ("..", separators) could leave the medium and is refused.
            if (components.Any(c => c.Length == 0 || !c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')))
            {
                warn($"refused Referenced File ID '{string.Join('\\', components)}'");
                continue;
            }

            yield return Path.Combine([root, .. components]);
        }
    }
}
