using Tessera.Server.Control;

namespace Tessera.Cli.Control;

/// <summary>One request through the control channel, its replies handed on as they arrive.</summary>
internal static class ControlRun
{
    /// <summary>How the run ended.</summary>
    /// <param name="Complete">The server said it was done.</param>
    /// <param name="Error">The server's error, or why the connection broke.</param>
    /// <param name="Usage">The error is the request's fault.</param>
    internal sealed record Outcome(bool Complete, string? Error, bool Usage);

    public static async Task<Outcome> RunAsync(ControlClient server, ControlRequest request, Action<ControlMessage> onMessage, CancellationToken cancellationToken)
    {
        try
        {
            await server.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await foreach (var message in server.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Error is { } error)
                {
                    return new Outcome(false, error, message.Usage);
                }

                if (message.Import is not null || message.Finding is not null || message.Checked is not null)
                {
                    onMessage(message);
                }

                if (message.Done)
                {
                    return new Outcome(true, null, false);
                }
            }

            return new Outcome(false, "the server closed the connection before the end (stopped?); run the command again to resume", false);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or InvalidDataException)
        {
            return new Outcome(false, $"the connection to the server broke: {exception.Message}", false);
        }
    }
}
