using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Tessera.Archive.Index;
using Tessera.Archive.Query;
using Tessera.Archive.Storage;

namespace Tessera.Index.Sqlite;

/// <summary>
/// The SQLite index (the default: no server to set up). WAL journal so readers never block the
/// writer; one writer connection, fed by a queue and committing batches (group commit: concurrent ingests share one
/// fsync) on its task, or an entry on the caller's thread when nothing else is waiting; readers on their own connections, kept open with their compiled statements (ReaderSessions).
/// </summary>
public sealed partial class SqliteIndexStore : IIndexStore
{
    private readonly SqliteIndexOptions _options;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ReaderSessions _readers;

    /// <summary>Held while a batch is committed, by the writer task or by a caller committing inline (<see cref="TryCommitInline"/>).</summary>
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private Task? _writer;
    private WriterState? _writerState;
    private bool _writerClosed;

    /// <summary>Commits in the queue (the single-reader channel cannot count them).</summary>
    private int _queued;

    /// <summary>With synchronous=NORMAL, whether the last batch committed is not synced yet: an idle server's barriers write nothing.</summary>
    private bool _unsynced;

    public SqliteIndexStore(SqliteIndexOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var builder = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = true, Mode = SqliteOpenMode.ReadWriteCreate };
        _writeConnectionString = builder.ToString();
        builder.Mode = SqliteOpenMode.ReadWrite; // read-only connections cannot always map a WAL index (-shm); readers only ever SELECT
        _readConnectionString = builder.ToString();
        _readers = new ReaderSessions(_readConnectionString);
    }

    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return;
        }

        var connection = new SqliteConnection(_writeConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // page_size takes effect only before the first table of a new database, and not once it is in WAL mode.
        await ExecuteAsync(connection, FormattableString.Invariant($"PRAGMA page_size = {_options.PageSize};"), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"PRAGMA synchronous = {(_options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON;", cancellationToken)
            .ConfigureAwait(false);
        await ExecuteAsync(connection, FormattableString.Invariant($"PRAGMA cache_size = -{_options.WriterCacheKiB}; PRAGMA wal_autocheckpoint = {_options.WalAutocheckpointPages};"), cancellationToken).ConfigureAwait(false);
        connection.CreateFunction<string, string>("person_name_key", PersonNameMatching.Key, isDeterministic: true);
        await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Schema.Create, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"PRAGMA user_version = {Schema.Version};", cancellationToken).ConfigureAwait(false);
        var state = new WriterState(connection, _options.MaxBatchSize);
        _writer = Task.Run(() => RunWriterAsync(state));
        _writerState = state;
    }

    public async ValueTask<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        await foreach (var instance in ReadInstancesAsync(InstanceSelect + " WHERE i.SOPInstanceUID = $sop AND l.pk = i.current_location", [("$sop", sopInstanceUid)], cancellationToken).ConfigureAwait(false))
        {
            return instance;
        }

        return null;
    }

    public IAsyncEnumerable<StoredInstance> ListInstancesAsync(string? studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, CancellationToken cancellationToken)
    {
        var sql = InstanceSelect + " WHERE l.pk = i.current_location"
            + (studyInstanceUid is null ? string.Empty : " AND st.StudyInstanceUID = $study")
            + (seriesInstanceUid is null ? string.Empty : " AND se.SeriesInstanceUID = $series")
            + (sopInstanceUid is null ? string.Empty : " AND i.SOPInstanceUID = $sop")
            + " ORDER BY st.pk, se.pk, i.InstanceNumberInt, i.pk";
        return ReadInstancesAsync(sql, [("$study", studyInstanceUid), ("$series", seriesInstanceUid), ("$sop", sopInstanceUid)], cancellationToken);
    }

    public IAsyncEnumerable<StoredInstance> ListAllVersionsAsync(CancellationToken cancellationToken) =>
        ReadInstancesAsync(InstanceSelect + " ORDER BY l.pk", [], cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListInstanceVersionsAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        ReadInstancesAsync(InstanceSelect + " WHERE i.SOPInstanceUID = $sop ORDER BY l.pk", [("$sop", sopInstanceUid)], cancellationToken);

    public async ValueTask<IndexCounts> CountAsync(CancellationToken cancellationToken)
    {
        var session = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            const string Sql = "SELECT (SELECT count(*) FROM patient), (SELECT count(*) FROM study), (SELECT count(*) FROM series), (SELECT count(*) FROM instance), (SELECT count(*) FROM location)";
            using var reader = await session.Command(Sql, []).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new IndexCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }
        finally
        {
            _readers.Return(session, !cancellationToken.IsCancellationRequested);
        }
    }

    public ValueTask<IndexCommitResult> CommitAsync(IndexEntry entry, DuplicatePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_writer is null)
        {
            throw new InvalidOperationException("InitializeAsync first");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (TryCommitInline(entry, policy, cancellationToken) is { } inline)
        {
            return new ValueTask<IndexCommitResult>(inline.Completion.Task);
        }

        var pending = new PendingCommit(entry, policy, cancellationToken);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteIndexStore));
        }

        return new ValueTask<IndexCommitResult>(pending.Completion.Task);
    }

    /// <summary>
    /// With synchronous=NORMAL, a barrier through the writer queue: the transaction it is committed in syncs the WAL, so
    /// every commit queued before it is durable when it returns. With FULL every commit is already durable, and with
    /// nothing committed since the last barrier there is nothing to sync.
    /// </summary>
    public ValueTask MakeDurableAsync(CancellationToken cancellationToken)
    {
        if (_options.Synchronous == SqliteSynchronous.Full || !Volatile.Read(ref _unsynced))
        {
            return ValueTask.CompletedTask;
        }

        if (_writer is null)
        {
            throw new InvalidOperationException("InitializeAsync first");
        }

        var pending = new PendingCommit(null, DuplicatePolicy.KeepBoth, cancellationToken);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteIndexStore));
        }

        return new ValueTask(pending.Completion.Task);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer.ConfigureAwait(false);
        }

        // Pooled connections keep the WAL open; clearing lets the last one checkpoint and remove it.
        _readers.Dispose();
        _writerGate.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private const string InstanceSelect = """
        SELECT st.StudyInstanceUID, se.SeriesInstanceUID, i.SOPInstanceUID, i.SOPClassUID, l.version, l.pk = i.current_location,
               l.storage_id, l.relative_path, l.transfer_syntax, l.size, l.file_sha256, l.content_sha256, l.frames, l.needs_repair, l.meta_sha256
        FROM location l
        JOIN instance i ON i.pk = l.instance_pk
        JOIN series se ON se.pk = i.series_pk
        JOIN study st ON st.pk = se.study_pk
        """;

    private async IAsyncEnumerable<StoredInstance> ReadInstancesAsync(string sql, (string Name, string? Value)[] parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (string, object)[] values = [.. parameters.Where(p => p.Value is not null).Select(p => (p.Name, (object)p.Value!))];
            using var reader = await session.Command(sql, values).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new StoredInstance(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetInt32(4),
                    reader.GetBoolean(5),
                    ReadLocation(reader, 6));
            }
        }
        finally
        {
            _readers.Return(session, !cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>
    /// A location from its columns, from <paramref name="first"/> on: storage_id, relative_path, transfer_syntax, size,
    /// file_sha256, content_sha256, frames, needs_repair, meta_sha256.
    /// </summary>
    private static BlobLocation ReadLocation(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetInt64(first + 3),
        reader.GetString(first + 4) is { Length: > 0 } fileSha256 ? fileSha256 : null,
        reader.GetString(first + 5),
        (byte[])reader.GetValue(first + 6),
        reader.IsDBNull(first + 7) ? null : reader.GetBoolean(first + 7),
        reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8));

    /// <summary>An existing database of an older schema version is brought up to <see cref="Schema.Version"/>; a newer one is refused.</summary>
    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version > Schema.Version)
        {
            throw new InvalidOperationException($"the index is of schema version {version}, newer than this Tessera's {Schema.Version}");
        }

        // Version 0 is a new, empty database: Schema.Create makes the current tables.
        for (var from = Math.Max(version, 1); version > 0 && from < Schema.Version; from++)
        {
            await ExecuteAsync(connection, Schema.Migrations[from], cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A commit waiting for the writer; with no entry, a durability barrier (<see cref="MakeDurableAsync"/>).</summary>
    private sealed class PendingCommit(IndexEntry? entry, DuplicatePolicy policy, CancellationToken cancellationToken)
    {
        public IndexEntry? Entry { get; } = entry;

        public DuplicatePolicy Policy { get; } = policy;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<IndexCommitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
