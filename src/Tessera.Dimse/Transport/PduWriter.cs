using System.IO.Pipelines;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Transport;

/// <summary>
/// Sends PDUs, each encoded into one contiguous buffer and flushed once, so a PDU reaches the socket in a
/// single write: no Nagle or delayed-ACK stall between a header and its body. P-DATA marked
/// <see cref="PDataTf.MoreFollows"/> is held back, up to <see cref="HoldLimit"/>, and goes in the same write as what
/// follows: a peer that takes 16 KB PDUs (DCMTK) gets a 512x512 CT slice in three writes instead of thirty-four. The pipe
/// writes each of its segments separately, so the joined PDUs are kept in one segment. Thread-safe: the association loop
/// and handler tasks may send concurrently, and PDUs never interleave.
/// </summary>
public sealed class PduWriter : IDisposable
{
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _unflushed;

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
            // Held PDUs are encoded straight into the pipe's buffer and not flushed. The first asks for room for all it may
            // be joined with, so they and the PDU that flushes them share one segment, which the pipe sends in one write.
            var hold = pdu is PDataTf { MoreFollows: true } && _unflushed + length <= HoldLimit;
            var memory = _writer.GetMemory(hold && _unflushed == 0 ? 2 * HoldLimit : length);
            _writer.Advance(PduEncoder.Encode(pdu, memory.Span));
            if (hold)
            {
                _unflushed += length;
                return;
            }

            _unflushed = 0;
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
    public void CancelPendingWrite()
    {
        try
        {
            _writer.CancelPendingFlush();
        }
        catch (ObjectDisposedException)
        {
            // The pipe was completed (its transport closed): no write is pending any more.
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The most P-DATA bytes held back for one write.</summary>
    private const int HoldLimit = 256 * 1024;
}
