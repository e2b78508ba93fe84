using System.Buffers;
using System.IO.Pipelines;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Transport;

/// <summary>
/// Sends PDUs, each encoded into one contiguous buffer and flushed once, so a PDU reaches the socket in a
/// single write: no Nagle or delayed-ACK stall between a header and its body. P-DATA marked
/// <see cref="PDataTf.MoreFollows"/> is held back, up to <see cref="HoldLimit"/>, and goes in the same write as what
/// follows: a peer that takes 16 KB PDUs (DCMTK) gets a 512x512 CT slice in three writes instead of thirty-four (the pipe
/// writes each of its segments separately, so the PDUs are joined here). Thread-safe: the association loop and handler
/// tasks may send concurrently, and PDUs never interleave.
/// </summary>
public sealed class PduWriter : IDisposable
{
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _held;
    private int _heldLength;

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
            if (pdu is PDataTf { MoreFollows: true } && _heldLength + length <= HoldLimit)
            {
                _held ??= ArrayPool<byte>.Shared.Rent(HoldLimit);
                _heldLength += PduEncoder.Encode(pdu, _held.AsSpan(_heldLength));
                return;
            }

            // GetMemory(sizeHint) returns one contiguous block of at least sizeHint bytes: what was held, then this PDU.
            var memory = _writer.GetMemory(_heldLength + length);
            _held.AsSpan(0, _heldLength).CopyTo(memory.Span);
            var written = _heldLength + PduEncoder.Encode(pdu, memory.Span[_heldLength..]);
            _heldLength = 0;
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

    public void Dispose()
    {
        _gate.Dispose();
        if (_held is { } held)
        {
            _held = null;
            ArrayPool<byte>.Shared.Return(held);
        }
    }

    /// <summary>The most P-DATA bytes held back for one write.</summary>
    private const int HoldLimit = 256 * 1024;
}
