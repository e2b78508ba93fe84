namespace Tessera.Archive.Ingest;

/// <summary>
/// When each commit now running (rename into place to the end of the index commit) began. A recovery point
/// (<see cref="IngestService.MakeIndexDurableAsync"/>) is never later than the oldest of them: that commit's row may
/// land after the durability barrier, so a recovery must still look at its blob.
/// </summary>
internal sealed class CommitsInFlight
{
    private readonly Dictionary<long, DateTimeOffset> _running = [];
    private long _next;

    public long Enter()
    {
        lock (_running)
        {
            var ticket = _next++;
            _running.Add(ticket, DateTimeOffset.UtcNow);
            return ticket;
        }
    }

    public void Leave(long ticket)
    {
        lock (_running)
        {
            _running.Remove(ticket);
        }
    }

    public DateTimeOffset? Oldest()
    {
        lock (_running)
        {
            return _running.Count == 0 ? null : _running.Values.Min();
        }
    }
}
