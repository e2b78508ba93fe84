using Microsoft.Data.Sqlite;

namespace Tessera.Index.Sqlite;

/// <summary>
/// The writer's prepared statements, one per SQL text, reused across entries and batches (preparing
/// costs more than executing these single-row statements).
/// </summary>
internal sealed class WriterCommands(SqliteConnection connection)
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public void Enlist(SqliteTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in _commands.Values)
        {
            command.Transaction = transaction;
        }
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters) => Prepare(sql, parameters).ExecuteNonQuery();

    public long Insert(string sql, params (string Name, object? Value)[] parameters) =>
        (long)Prepare(sql + " RETURNING pk", parameters).ExecuteScalar()!;

    public long? Scalar(string sql, params (string Name, object? Value)[] parameters) =>
        Prepare(sql, parameters).ExecuteScalar() is long value ? value : null;

    public T? Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
        where T : struct
    {
        using var reader = Prepare(sql, parameters).ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    private SqliteCommand Prepare(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands.Add(sql, command);
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }
}
