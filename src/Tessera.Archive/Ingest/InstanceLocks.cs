namespace Tessera.Archive.Ingest;

/// <summary>
/// One asynchronous lock per SOP Instance UID, held from a blob's rename into place to the end of its index commit and any
/// clean-up. Blob names come from the content (StoragePaths), so two ingests of the same bytes share a name: without it,
/// one whose commit failed (a cancelled import) could delete the file the other had just committed under that name.
/// Entries live only while someone holds or waits for them.
/// </summary>
internal sealed class InstanceLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> LockAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            var entry = _gates.TryGetValue(sopInstanceUid, out var found) ? found : (new SemaphoreSlim(1, 1), 0);
            _gates[sopInstanceUid] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(sopInstanceUid, entered: false);
            throw;
        }

        return new Holder(this, sopInstanceUid);
    }

    private void Leave(string sopInstanceUid, bool entered)
    {
        lock (_gates)
        {
            var (gate, users) = _gates[sopInstanceUid];
            if (entered)
            {
                gate.Release();
            }

            if (users == 1)
            {
                _gates.Remove(sopInstanceUid);
                gate.Dispose();
            }
            else
            {
                _gates[sopInstanceUid] = (gate, users - 1);
            }
        }
    }

    private sealed class Holder(InstanceLocks owner, string sopInstanceUid) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave(sopInstanceUid, entered: true);
            }
        }
    }
}
