using System.IO.Pipelines;

namespace Tessera.Dimse.Network;

/// <summary>A transport as a pair of pipes: a socket's, or an in-memory one in tests.</summary>
public sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe
{
    /// <summary>
    /// Completes the send side once the association is over and its connection closed, dropping what a cancelled or failed
    /// write left buffered: completing it normally would write that to the closed stream, and behind a send the peer never
    /// took, that write does not return.
    /// </summary>
    public static ValueTask DiscardOutputAsync(DuplexPipe transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return transport.Output.CompleteAsync(new OperationCanceledException("The association is over"));
    }
}
