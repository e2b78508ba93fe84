using System.Collections.Concurrent;
using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Network;

/// <summary>
/// The operations the peer invoked that this side is performing, by message ID, held to the agreed asynchronous operations
/// window (PS3.7 D.3.3.3). A request beyond it is refused, not queued: queueing would stop the receive loop, which the
/// operations in progress may need (a C-GET waits for its C-STORE responses).
/// </summary>
internal sealed class PerformedOperations
{
    private readonly ConcurrentDictionary<ushort, PerformedOperation> _byMessageId = new();
    private int _count;
    private int _refusalsInFlight;

    /// <summary>Refused requests whose responses are not sent yet.</summary>
    public int RefusalsInFlight => Volatile.Read(ref _refusalsInFlight);

    /// <summary>
    /// Registers a request with this message ID as performed (<paramref name="operation"/>), or answers why it cannot be:
    /// its message ID is that of an operation in progress (0210H), or <paramref name="window"/> are outstanding (0213H).
    /// Error Comments stay within the 64 characters of (0000,0902).
    /// </summary>
    public (DimseStatus Status, string Comment)? TryStart(ushort messageId, int window, CancellationToken lifetime, out PerformedOperation? operation)
    {
        operation = null;
        if (_byMessageId.ContainsKey(messageId))
        {
            Interlocked.Increment(ref _refusalsInFlight);
            return (DimseStatus.DuplicateInvocation, $"Message ID {messageId} in use by an operation in progress");
        }

        if (Volatile.Read(ref _count) >= window)
        {
            Interlocked.Increment(ref _refusalsInFlight);
            return (DimseStatus.ResourceLimitation, $"Operations window of {window} exceeded (PS3.7 D.3.3.3)");
        }

        operation = new PerformedOperation(CancellationTokenSource.CreateLinkedTokenSource(lifetime));
        _byMessageId[messageId] = operation;
        Interlocked.Increment(ref _count);
        return null;
    }

    public void RefusalAnswered() => Interlocked.Decrement(ref _refusalsInFlight);

    public bool TryGet(ushort messageId, out PerformedOperation operation) => _byMessageId.TryGetValue(messageId, out operation!);

    /// <summary>
    /// A response about to be sent: the final one ends its operation, whose place in the window is free before the peer can
    /// read it and send the next request.
    /// </summary>
    public void Responding(DimseCommand response)
    {
        if (response.MessageIDBeingRespondedTo is { } messageId && !new DimseStatus(response.Status ?? 0).IsPending && _byMessageId.TryGetValue(messageId, out var operation))
        {
            End(messageId, operation);
        }
    }

    /// <summary>Ends an operation, once: its place in the window is free and a C-CANCEL no longer finds it.</summary>
    public void End(ushort messageId, PerformedOperation operation)
    {
        if (operation.TryEnd())
        {
            _byMessageId.TryRemove(new KeyValuePair<ushort, PerformedOperation>(messageId, operation));
            Interlocked.Decrement(ref _count);
        }
    }
}
