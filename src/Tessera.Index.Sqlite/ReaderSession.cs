using Microsoft.Data.Sqlite;

namespace Tessera.Index.Sqlite;

/// <summary>
/// An open read connection with its prepared statements, kept between queries (<see cref="ReaderSessions"/>). SQLite
/// compiles a C-FIND's SELECT (joins, sub-selects) in about 0.4 ms, several times what running it on an index costs; a
/// query shape seen before (the same SQL text: values are always parameters) runs its compiled statement again.
/// </summary>
internal sealed class ReaderSession(SqliteConnection connection) : IDisposable
{
    /// <summary>Statements kept per connection; past it the cache starts over (query shapes are few in practice).</summary>
    private const int MaxStatements = 64;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>The prepared command for <paramref name="sql"/> with its parameters set to <paramref name="values"/> (the same names each time for one text).</summary>
    public SqliteCommand Command(string sql, IReadOnlyList<(string Name, object Value)> values)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            if (_statements.Count >= MaxStatements)
            {
                DisposeStatements();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = values[i].Name });
            }

            command.Prepare();
            _statements.Add(sql, command);
        }

        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i].Value;
        }

        return command;
    }

    public void Dispose()
    {
        DisposeStatements();
        connection.Dispose();
    }

    private void DisposeStatements()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
    }
}
