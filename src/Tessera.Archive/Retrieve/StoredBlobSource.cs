using Tessera.Archive.Storage;
using Tessera.Dicom.IO;

namespace Tessera.Archive.Retrieve;

/// <summary>A stored instance's Part 10 blob as a source of bulk data: a reader leaves large values in it and seeks past them.</summary>
public sealed class StoredBlobSource(IBlobStore blobs, string relativePath) : IBulkDataSource
{
    public string Description => relativePath;

    public Stream OpenRead() => blobs.OpenRead(relativePath);
}
