namespace Tessera.Dimse.Network;

/// <summary>
/// An operation the peer invoked, while this side performs it: its cancellation (a C-CANCEL-RQ, the association ending) and
/// whether it has ended, which happens once, at its final response or when its handler stops without one.
/// </summary>
internal sealed class PerformedOperation(CancellationTokenSource cancel) : IDisposable
{
    private int _ended;

    public CancellationTokenSource Cancel { get; } = cancel;

    /// <summary>True for the one caller that ends it.</summary>
    public bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    /// <summary>Cancels it; a C-CANCEL that races with the handler's end finds the source disposed, and there is nothing to cancel.</summary>
    public async Task RequestCancelAsync()
    {
        try
        {
            await Cancel.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Ended meanwhile.
        }
    }

    public void Dispose() => Cancel.Dispose();
}
