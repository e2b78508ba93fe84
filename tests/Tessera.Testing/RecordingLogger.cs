using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tessera.Testing;

/// <summary>Keeps every log line (event id and message) so a test can assert what the code under test said.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId Id, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((eventId, formatter(state, exception)));

    public bool Has(int eventId, string fragment) => Lines.Any(l => l.Id.Id == eventId && l.Message.Contains(fragment, StringComparison.Ordinal));
}
