using Microsoft.Extensions.Logging;

namespace Tessera.Cli.Network;

/// <summary>
/// `--verbose` for the network verbs: the toolkit's [LoggerMessage] events on stderr, one line each, like
/// DCMTK's -v/-d. A logger of our own avoids a dependency for twenty lines.
/// </summary>
internal sealed class ConsoleLogger<T>(TextWriter error, LogLevel minimum) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Trace => "T",
            LogLevel.Debug => "D",
            LogLevel.Information => "I",
            LogLevel.Warning => "W",
            _ => "E",
        };
        lock (error)
        {
            error.WriteLine(exception is null ? $"{level}: {formatter(state, exception)}" : $"{level}: {formatter(state, exception)}: {exception.Message}");
        }
    }
}
