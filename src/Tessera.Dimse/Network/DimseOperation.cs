using System.Threading.Channels;
using Tessera.Dimse.PData;

namespace Tessera.Dimse.Network;

/// <summary>An operation this side invoked: its message ID, its presentation context and the responses as they arrive (pending ones first, PS3.7 9.3.2.2).</summary>
internal sealed class DimseOperation(ushort messageId, byte presentationContextId)
{
    public ushort MessageId { get; } = messageId;

    public byte PresentationContextId { get; } = presentationContextId;

    /// <summary>Unbounded: the receive loop must never wait for a slow reader of responses (their data sets have back-pressure of their own).</summary>
    public Channel<IncomingDimseMessage> Responses { get; } = Channel.CreateUnbounded<IncomingDimseMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
}
