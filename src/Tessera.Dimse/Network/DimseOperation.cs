using System.Threading.Channels;
using Tessera.Dimse.PData;

namespace Tessera.Dimse.Network;

/// <summary>An operation this side invoked: its message ID, its presentation context and the responses as they arrive (pending ones first, PS3.7 9.3.2.2).</summary>
internal sealed class DimseOperation(ushort messageId, byte presentationContextId)
{
    public ushort MessageId { get; } = messageId;

    public byte PresentationContextId { get; } = presentationContextId;

    /// <summary>
    /// Unbounded: the receive loop must never wait for a slow reader of responses (their data sets have back-pressure of their
    /// own). Synchronous continuations: the waiter goes on at once on the receive loop's thread — the next C-STORE
    /// sub-operation of a C-GET or C-MOVE, the next file of a store — instead of waking a thread-pool worker for it; it
    /// gives the thread back at its next wait (a send the socket cannot take yet, the next response).
    /// </summary>
    public Channel<IncomingDimseMessage> Responses { get; } = Channel.CreateUnbounded<IncomingDimseMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
}
