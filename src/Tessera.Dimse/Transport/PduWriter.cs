using System.IO.Pipelines;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Transport;

/// <summary>
/// Sends PDUs, each encoded into one contiguous buffer and flushed once, so a PDU reaches the socket in a
/// single write: no Nagle or delayed-ACK stall between a header and its body. Thread-safe: the association
/// loop and handler tasks may send concurrently, and PDUs never interleave.
/// </summary>
public sealed class PduWriter : IDisposable
{
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public PduWriter(PipeWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    public async ValueTask WriteAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        var length = PduEncoder.GetEncodedLength(pdu);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // GetMemory(sizeHint) returns one contiguous block of at least sizeHint bytes.
            var memory = _writer.GetMemory(length);
            var written = PduEncoder.Encode(pdu, memory.Span);
            _writer.Advance(written);
            var result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("PDU write was cancelled");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends a write the transport does not take (a closed connection, a peer that reads nothing): it throws.</summary>
    public void CancelPendingWrite() => _writer.CancelPendingFlush();

    public void Dispose() => _gate.Dispose();
}
