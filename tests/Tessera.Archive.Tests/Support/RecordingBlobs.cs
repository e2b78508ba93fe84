using Tessera.Archive.Storage;

namespace Tessera.Archive.Tests.Support;

/// <summary>A blob store that notes its deletions in <paramref name="events"/> (shared with a <see cref="RecordingIndex"/>).</summary>
internal sealed class RecordingBlobs(IBlobStore inner, List<string> events) : IBlobStore
{
    public string StorageId => inner.StorageId;

    public ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken) => inner.CreateTemporaryAsync(cancellationToken);

    public Stream OpenRead(string relativePath, long offset = 0, long? length = null) => inner.OpenRead(relativePath, offset, length);

    public bool Exists(string relativePath) => inner.Exists(relativePath);

    public async ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteAsync(relativePath, cancellationToken);
        lock (events)
        {
            events.Add($"delete {relativePath}");
        }

        return deleted;
    }

    public IAsyncEnumerable<string> EnumerateAsync(CancellationToken cancellationToken) => inner.EnumerateAsync(cancellationToken);

    public IAsyncEnumerable<string> EnumerateCommittedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.EnumerateCommittedSinceAsync(since, cancellationToken);

    public ValueTask<DateTimeOffset?> CommittedAtAsync(string relativePath, CancellationToken cancellationToken) => inner.CommittedAtAsync(relativePath, cancellationToken);

    public ValueTask<int> SweepTemporariesAsync(CancellationToken cancellationToken) => inner.SweepTemporariesAsync(cancellationToken);
}
