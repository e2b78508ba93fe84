using Tessera.Server.Control;

namespace Tessera.Cli.Control;

/// <summary>One request through the control channel, its replies handed on as they arrive.</summary>
internal static class ControlRun
{
    public static async Task<ControlOutcome> RunAsync(ControlClient server, ControlRequest request, Action<ControlMessage> onMessage, CancellationToken cancellationToken)
    {
        try
        {
            await server.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await foreach (var message in server.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Error is { } error)
                {
                    return new ControlOutcome(false, error, message.Usage);
                }

                if (message.Import is not null || message.Finding is not null || message.Checked is not null)
                {
                    onMessage(message);
                }

                // Replies already received come without a wait that would see the cancellation: an interrupt (Ctrl-C)
                // must end the request at once, which closes the connection and so stops the server's work on it.
                cancellationToken.ThrowIfCancellationRequested();

                if (message.Done)
                {
                    return new ControlOutcome(true, null, false);
                }
            }

            return new ControlOutcome(false, "the server closed the connection before the end (stopped?); run the command again to resume", false);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or InvalidDataException)
        {
            return new ControlOutcome(false, $"the connection to the server broke: {exception.Message}", false);
        }
    }
}
