namespace Tessera.Dicom.IO;

/// <summary>A file on disk as the source of bulk data references.</summary>
public sealed class FileBulkDataSource(string path) : IBulkDataSource
{
    public string Path { get; } = path;

    public string Description => Path;

    public Stream OpenRead() =>
        new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
