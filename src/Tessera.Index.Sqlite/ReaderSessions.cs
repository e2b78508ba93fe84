using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Tessera.Index.Sqlite;

/// <summary>
/// The idle <see cref="ReaderSession"/>s: a query takes one (or opens a new connection) and gives it back when done, so
/// concurrent queries each have their own connection and a repeated query shape finds its statement compiled.
/// </summary>
internal sealed class ReaderSessions(string connectionString) : IDisposable
{
    /// <summary>Idle sessions kept; more concurrent queries than this open connections that are closed afterwards.</summary>
    private const int MaxIdle = 8;

    private readonly ConcurrentBag<ReaderSession> _idle = [];
    private bool _disposed;

    public async Task<ReaderSession> RentAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var session))
        {
            return session;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ReaderSession(connection);
    }

    /// <summary>Gives a session back after its reader was disposed; <paramref name="healthy"/> false (a cancelled query) closes it.</summary>
    public void Return(ReaderSession session, bool healthy)
    {
        if (healthy && !Volatile.Read(ref _disposed) && _idle.Count < MaxIdle)
        {
            _idle.Add(session);
            if (Volatile.Read(ref _disposed))
            {
                Dispose(); // closing raced with this return: nothing may stay open
            }

            return;
        }

        session.Dispose();
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}
