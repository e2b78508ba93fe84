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

    /// <summary>The bytes read from a streamed source at a time, rounded down to whole fragments (at least one).</summary>
    public const int ReadBlockLength = 256 * 1024;

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
    /// Streams <paramref name="source"/> as fragments, read in blocks of whole fragments (<see cref="ReadBlockLength"/>),
    /// holding at most two blocks in memory; reading the next block before the current block's final fragment tells
    /// whether that fragment is the last. Each PDU is handed to <paramref name="send"/>, which must finish with the buffer
    /// before it returns.
    /// </summary>
    /// <remarks>
    /// Blocks rather than single fragments: a peer with 16 KB PDUs (DCMTK's default) made every fragment a read of its own,
    /// 33 reads per 512x512 CT slice, now 3.
    /// </remarks>
    public async Task SendAsync(byte presentationContextId, bool isCommand, Stream source, Func<PDataTf, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(send);
        var blockLength = Math.Max(1, ReadBlockLength / MaxFragmentLength) * MaxFragmentLength;
        var current = ArrayPool<byte>.Shared.Rent(blockLength);
        var next = ArrayPool<byte>.Shared.Rent(blockLength);
        try
        {
            var currentLength = await FillAsync(source, current, blockLength, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var offset = 0;
                for (; currentLength - offset > MaxFragmentLength; offset += MaxFragmentLength)
                {
                    await send(BlockFragment(presentationContextId, isCommand, false, current, offset, MaxFragmentLength), cancellationToken).ConfigureAwait(false);
                }

                var nextLength = currentLength < blockLength ? 0 : await FillAsync(source, next, blockLength, cancellationToken).ConfigureAwait(false);
                var last = nextLength == 0;
                await send(BlockFragment(presentationContextId, isCommand, last, current, offset, currentLength - offset), cancellationToken).ConfigureAwait(false);
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

    /// <summary>A fragment of a read block, marked MoreFollows unless it is the last (<see cref="Transport.PduWriter"/> joins those).</summary>
    private static PDataTf BlockFragment(byte presentationContextId, bool isCommand, bool last, byte[] buffer, int offset, int length) =>
        Single(presentationContextId, isCommand, last, new ReadOnlySequence<byte>(buffer, offset, length)) with { MoreFollows = !last };

    private static ValueTask<int> FillAsync(Stream source, byte[] buffer, int length, CancellationToken cancellationToken) =>
        source.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken);

    private static PDataTf Single(byte presentationContextId, bool isCommand, bool last, ReadOnlySequence<byte> data) =>
        new([new PresentationDataValue(presentationContextId, isCommand, last, data)]);
}
