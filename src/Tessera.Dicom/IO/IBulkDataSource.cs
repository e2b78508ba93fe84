namespace Tessera.Dicom.IO;

/// <summary>
/// Where bulk values live when they are not held in memory: a file, a blob in the archive,
/// a temporary spool. Opened only when a value is actually needed.
/// </summary>
public interface IBulkDataSource
{
    /// <summary>A name for logs and errors, e.g. the file path.</summary>
    string Description { get; }

    /// <summary>Opens a read-only, seekable stream over the whole source.</summary>
    Stream OpenRead();
}
