using System.Buffers;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.PData;

/// <summary>
/// Cuts a command or data set into P-DATA-TF PDUs that respect the peer's maximum length (PS3.8 D.1: the
/// Maximum Length sub-item bounds the variable field of a P-DATA-TF, i.e. the PDV items with their 6-byte
/// headers). One PDV per PDU; the last one carries the last-fragment bit (PS3.8 E.2).
/// </summary>
public sealed class PDataFragmenter
{
    /// <summary>Fragment size used when the peer announces 0 (unlimited): large enough to amortize per-PDU cost, small enough to bound memory.</summary>
    public const int DefaultUnlimitedFragmentLength = 1 << 20;

    /// <param name="peerMaxPduLength">The peer's Maximum Length sub-item (51H); 0 means unlimited.</param>
    /// <param name="unlimitedFragmentLength">The data length per PDV when the peer sets no limit.</param>
    public PDataFragmenter(uint peerMaxPduLength, int unlimitedFragmentLength = DefaultUnlimitedFragmentLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unlimitedFragmentLength, 1);
        if (peerMaxPduLength is > 0 and <= PresentationDataValue.HeaderLength)
        {
            throw new ArgumentOutOfRangeException(nameof(peerMaxPduLength), peerMaxPduLength, "A maximum length must leave room for a PDV header (6 bytes) and at least one byte of data");
        }

        MaxFragmentLength = peerMaxPduLength == 0
            ? unlimitedFragmentLength
            : (int)Math.Min(peerMaxPduLength - PresentationDataValue.HeaderLength, (uint)Array.MaxLength - 64);
    }

    /// <summary>The most data bytes one PDV carries.</summary>
    public int MaxFragmentLength { get; }

    /// <summary>Fragments data already in memory (commands, small data sets). An empty input gives one empty last fragment.</summary>
    public IEnumerable<PDataTf> Fragment(byte presentationContextId, bool isCommand, ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty)
        {
            yield return Single(presentationContextId, isCommand, true, ReadOnlySequence<byte>.Empty);
            yield break;
        }

        while (!data.IsEmpty)
        {
            var length = Math.Min(data.Length, MaxFragmentLength);
            var fragment = data.Slice(0, length);
            data = data.Slice(length);
            yield return Single(presentationContextId, isCommand, data.IsEmpty, fragment);
        }
    }

    /// <summary>
    /// Streams <paramref name="source"/> as fragments without holding more than two fragments in memory; the
    /// one-fragment look-ahead tells which fragment is last. Each PDU is handed to <paramref name="send"/>,
    /// which must finish with the buffer before it returns.
    /// </summary>
    public async Task SendAsync(byte presentationContextId, bool isCommand, Stream source, Func<PDataTf, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(send);
        var current = ArrayPool<byte>.Shared.Rent(MaxFragmentLength);
        var next = ArrayPool<byte>.Shared.Rent(MaxFragmentLength);
        try
        {
            var currentLength = await FillAsync(source, current, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var nextLength = currentLength < MaxFragmentLength ? 0 : await FillAsync(source, next, cancellationToken).ConfigureAwait(false);
                var last = nextLength == 0;
                await send(Single(presentationContextId, isCommand, last, new ReadOnlySequence<byte>(current, 0, currentLength)) with { MoreFollows = !last }, cancellationToken).ConfigureAwait(false);
                if (last)
                {
                    return;
                }

                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    private async ValueTask<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < MaxFragmentLength)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled, MaxFragmentLength - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static PDataTf Single(byte presentationContextId, bool isCommand, bool last, ReadOnlySequence<byte> data) =>
        new([new PresentationDataValue(presentationContextId, isCommand, last, data)]);
}
