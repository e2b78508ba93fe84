using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Query;
using Tessera.Archive.Storage;
using Tessera.Blobs.FileSystem;

namespace Tessera.Archive.Tests.Support;

/// <summary>An archive in a temporary folder: blob store, index, ingest and query, deleted on dispose.</summary>
internal sealed class TestArchive : IAsyncDisposable
{
    private readonly FileSystemBlobStore _fileStore;

    private TestArchive(string folder, IIndexStore index, FileSystemBlobStore fileStore, IBlobStore blobs, IngestOptions options)
    {
        _fileStore = fileStore;
        Folder = folder;
        Index = index;
        Blobs = blobs;
        Ingest = new IngestService(blobs, index, options);
        Query = new QueryService(index);
    }

    public string Folder { get; }

    public IIndexStore Index { get; }

    public IBlobStore Blobs { get; }

    public IngestService Ingest { get; }

    public QueryService Query { get; }

    public string FilesFolder => Path.Combine(Folder, "files");

    public static string NewFolder() => Directory.CreateTempSubdirectory("tessera-archive-").FullName;

    /// <summary>Opens an archive over <paramref name="createIndex"/>'s store, optionally wrapping the blob store (fault injection).</summary>
    public static async Task<TestArchive> CreateAsync(
        Func<string, IIndexStore> createIndex,
        IngestOptions? options = null,
        Func<IBlobStore, IBlobStore>? wrapBlobs = null,
        Func<IIndexStore, IIndexStore>? wrapIndex = null,
        string? folder = null)
    {
        folder ??= NewFolder();
        var index = createIndex(folder);
        await index.InitializeAsync(CancellationToken.None);
        var fileStore = new FileSystemBlobStore(new FileSystemBlobStoreOptions(Path.Combine(folder, "files")));
        var blobs = wrapBlobs?.Invoke(fileStore) ?? fileStore;
        return new TestArchive(folder, wrapIndex?.Invoke(index) ?? index, fileStore, blobs, options ?? IngestOptions.Default);
    }

    public Task<IngestResult> StoreAsync(byte[] part10, CancellationToken cancellationToken = default) =>
        Ingest.IngestAsync(IngestRequest.Part10(new MemoryStream(part10, writable: false)), cancellationToken);

    public Task<IngestResult> StoreAsync(Instances.Spec spec) => StoreAsync(Instances.Part10(spec));

    public async Task<List<DicomDataset>> FindAsync(DicomDataset identifier, QueryRoot root = QueryRoot.StudyRoot, bool caseInsensitive = true, int limit = 1000, bool combinedDateTime = false, bool emptyValue = false, bool multipleValue = false)
    {
        Assert.True(ArchiveQuery.TryFromIdentifier(identifier, root, out var query, out var error, limit, caseInsensitive, combinedDateTime, emptyValue, multipleValue), error);
        var results = new List<DicomDataset>();
        await foreach (var result in Query.FindAsync(query!))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>Committed blob files on disk (tmp/, the commit journal and the spare files excluded).</summary>
    public string[] StoredFiles() => Directory.Exists(FilesFolder)
        ? [.. Directory.EnumerateFiles(FilesFolder, "*", SearchOption.AllDirectories).Where(f => Path.GetRelativePath(FilesFolder, f).Split(Path.DirectorySeparatorChar)[0] is not ("tmp" or "journal" or "spare"))]
        : [];

    public string[] TemporaryFiles() => Directory.Exists(Path.Combine(FilesFolder, "tmp")) ? Directory.GetFiles(Path.Combine(FilesFolder, "tmp")) : [];

    public async ValueTask DisposeAsync()
    {
        await Index.DisposeAsync();
        _fileStore.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
