using System.Buffers;
using System.Runtime.InteropServices;

namespace Tessera.Dicom.IO;

/// <summary>
/// The one resumable, forward-only data set parser (STYLE 5): fed bytes in any split, it builds a
/// <see cref="DicomDataset"/>, says when it needs more data and never seeks. Files, P-DATA fragments
/// and STOW parts are all read by a driver around it.
/// </summary>
/// <remarks>
/// <para>Protocol: call <see cref="Read"/> with the unconsumed bytes; on return the buffer is sliced
/// to what was not consumed (at most a partial element header, which the driver must present again
/// with more bytes after it). <see cref="OperationStatus.NeedMoreData"/> asks for more bytes;
/// when <see cref="PendingSkip"/> is positive the driver should first skip that many bytes of
/// input (a value left in its source) by seeking, or by discarding, and report it with
/// <see cref="Skip"/> — or simply pass the bytes, which the reader then discards.</para>
/// <para>Lenient in (STYLE 11): every accepted deviation from PS3.5 is recorded in
/// <see cref="Deviations"/>; input that cannot be parsed throws <see cref="DicomException"/> with the
/// offset and tag, and nothing else. Allocation is bounded by the input actually received, never by a
/// length field alone.</para>
/// <para>VR UN of defined length in an explicit-VR data set, even for a tag the dictionary knows
/// (<c>ct_j2k_explicit_un.dcm</c>) or a sequence encoded implicit inside it
/// (<c>ct_jpll_bad_sequence.dcm</c>), is kept as read: VR UN, the bytes as stored. Their values are
/// still exposed (<see cref="DicomDataset.GetString"/> decodes them, <see cref="DicomDataset.GetValues{T}"/>
/// reinterprets them), and re-encoding keeps them byte-identical; guessing a VR would change the
/// data set (DCMTK and pydicom make the same choice). Only undefined-length UN is parsed, as PS3.5
/// 6.2.2 requires: as an Implicit VR Little Endian sequence.</para>
/// </remarks>
public sealed partial class DicomDatasetReader
{
    private const uint UndefinedLength = 0xFFFF_FFFF;

    /// <summary>Initial allocation for a value that is not yet fully buffered; it grows as bytes arrive.</summary>
    private const int InitialPendingCapacity = 64 * 1024;

    private static readonly DicomTag PixelDataTag = new(0x7FE0, 0x0010);
    private static readonly DicomTag FloatPixelDataTag = new(0x7FE0, 0x0008);
    private static readonly DicomTag DoubleFloatPixelDataTag = new(0x7FE0, 0x0009);
    private static readonly DicomTag PixelRepresentationTag = new(0x0028, 0x0103);
    private static readonly DicomTag SpecificCharacterSetTag = new(0x0008, 0x0005);

    private readonly DicomReadOptions _options;
    private readonly IBulkDataSource? _bulkDataSource;
    private readonly long _inputEnd;
    private readonly List<DicomDeviation> _deviations = [];
    private readonly List<Frame> _frames = [];
    private int _sequenceDepth;
    private long _position;
    private long _pendingSkip;
    private PendingValue _pending;

    /// <summary>Creates a reader for a data set encoded in <paramref name="transferSyntax"/>.</summary>
    /// <param name="transferSyntax">Explicit or implicit VR and byte order (deflate is the driver's business).</param>
    /// <param name="options">Limits and leniency; <see cref="DicomReadOptions.Default"/> when null.</param>
    /// <param name="offset">Absolute offset of the first byte in the source, for bulk references and errors.</param>
    /// <param name="bulkDataSource">Where large values can be read again later; null keeps every value in memory.</param>
    /// <param name="length">Bytes of input from <paramref name="offset"/> when known, so lengths can be checked against it.</param>
    public DicomDatasetReader(
        DicomTransferSyntax transferSyntax,
        DicomReadOptions? options = null,
        long offset = 0,
        IBulkDataSource? bulkDataSource = null,
        long? length = null)
        : this(transferSyntax.IsExplicitVR, transferSyntax.IsBigEndian, options, offset, bulkDataSource, length)
    {
    }

    internal DicomDatasetReader(bool explicitVR, bool bigEndian, DicomReadOptions? options, long offset, IBulkDataSource? bulkDataSource, long? length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _options = options ?? DicomReadOptions.Default;
        _bulkDataSource = bigEndian ? null : bulkDataSource;
        _position = offset;
        _inputEnd = length is { } known ? offset + known : long.MaxValue;
        _frames.Add(new Frame
        {
            Kind = FrameKind.Dataset,
            ExplicitVR = explicitVR,
            BigEndian = bigEndian,
            End = -1,
            Limit = _inputEnd,
            Dataset = Dataset,
            Start = offset,
        });
    }

    /// <summary>The data set read so far (complete once <see cref="IsCompleted"/>).</summary>
    public DicomDataset Dataset { get; } = new();

    /// <summary>What the reader accepted although PS3.5 does not allow it, in input order.</summary>
    public IReadOnlyList<DicomDeviation> Deviations => _deviations;

    /// <summary>Absolute offset of the next input byte the reader expects.</summary>
    public long Position => _position;

    /// <summary>Bytes of input the driver must skip (or pass in) before the next element.</summary>
    public long PendingSkip => _pendingSkip;

    /// <summary>The data set is complete: end of input, or stopped before pixel data.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Reading stopped at top-level pixel data because of <see cref="DicomReadOptions.StopBeforePixelData"/>; <see cref="Position"/> is its header.</summary>
    public bool StoppedBeforePixelData { get; private set; }

    /// <summary>Stop (unconsumed) at the first top-level element of another group: used for the File Meta Information.</summary>
    internal ushort? OnlyGroup { get; init; }

    /// <summary>The driver skipped <paramref name="count"/> bytes of <see cref="PendingSkip"/> itself, e.g. by seeking.</summary>
    public void Skip(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _pendingSkip);
        _pendingSkip -= count;
        _position += count;
    }

    /// <summary>
    /// Parses as much of <paramref name="buffer"/> as possible and slices it to the unconsumed rest.
    /// </summary>
    /// <param name="buffer">The input bytes not consumed by the previous call, followed by new ones.</param>
    /// <param name="isFinalBlock">No input follows <paramref name="buffer"/>.</param>
    /// <returns><see cref="OperationStatus.Done"/> when the data set is complete, else <see cref="OperationStatus.NeedMoreData"/>.</returns>
    /// <exception cref="DicomException">The input is not a parsable data set.</exception>
    public OperationStatus Read(ref ReadOnlySequence<byte> buffer, bool isFinalBlock)
    {
        if (IsCompleted)
        {
            return OperationStatus.Done;
        }

        var reader = new SequenceReader<byte>(buffer);
        try
        {
            return ReadCore(ref reader, isFinalBlock);
        }
        finally
        {
            buffer = buffer.Slice(reader.Position);
        }
    }

    private OperationStatus ReadCore(ref SequenceReader<byte> reader, bool isFinalBlock)
    {
        while (true)
        {
            if (_pendingSkip > 0)
            {
                var skipped = Math.Min(_pendingSkip, reader.Remaining);
                Advance(ref reader, skipped);
                _pendingSkip -= skipped;
                if (_pendingSkip > 0)
                {
                    return NeedMore(isFinalBlock);
                }
            }

            if (_pending.Kind != PendingKind.None)
            {
                if (!FillPending(ref reader))
                {
                    return NeedMore(isFinalBlock);
                }

                CompletePending();
            }

            var top = _frames.Count - 1;
            var frame = _frames[top];
            if (frame.End >= 0 && _position >= frame.End)
            {
                CloseFrame();
                continue;
            }

            if (reader.End)
            {
                if (!isFinalBlock)
                {
                    return OperationStatus.NeedMoreData;
                }

                return FinishInput();
            }

            var progressed = frame.Kind switch
            {
                FrameKind.Dataset => ReadElement(ref reader),
                FrameKind.Sequence => ReadItem(ref reader),
                _ => ReadFragment(ref reader),
            };

            if (IsCompleted)
            {
                return OperationStatus.Done;
            }

            if (!progressed)
            {
                if (!isFinalBlock)
                {
                    return OperationStatus.NeedMoreData;
                }

                return FinishInsideHeader(ref reader);
            }
        }
    }

    private OperationStatus NeedMore(bool isFinalBlock)
    {
        if (isFinalBlock)
        {
            var tag = _pending.Kind != PendingKind.None ? _pending.Tag : (DicomTag?)null;
            throw new DicomException("input ends inside a value", _position, tag);
        }

        return OperationStatus.NeedMoreData;
    }

    /// <summary>End of input with every value complete: undefined-length containers left open are closed and reported.</summary>
    private OperationStatus FinishInput()
    {
        while (_frames.Count > 1)
        {
            var frame = _frames[^1];
            if (frame.End >= 0)
            {
                throw new DicomException(
                    $"input ends {frame.End - _position} bytes before the end of the defined-length {Describe(frame.Kind)}",
                    _position,
                    frame.Tag);
            }

            Report(frame.Tag, $"input ends inside an undefined-length {Describe(frame.Kind)} without its delimitation item");
            CloseFrame();
        }

        IsCompleted = true;
        return OperationStatus.Done;
    }

    /// <summary>End of input inside an element or item header.</summary>
    private OperationStatus FinishInsideHeader(ref SequenceReader<byte> reader)
    {
        var remaining = reader.Remaining;
        if (_frames.Count > 1)
        {
            throw new DicomException($"input ends inside an element header ({remaining} bytes left)", _position);
        }

        Report(null, $"{remaining} trailing bytes after the last element ignored");
        Advance(ref reader, remaining);
        IsCompleted = true;
        return OperationStatus.Done;
    }

    private void Advance(ref SequenceReader<byte> reader, long count)
    {
        reader.Advance(count);
        _position += count;
    }

    private void Report(DicomTag? tag, string message) => Report(_position, tag, message);

    private void Report(long offset, DicomTag? tag, string message) => _deviations.Add(new DicomDeviation(offset, tag, message));

    private static string Describe(FrameKind kind) => kind switch
    {
        FrameKind.Dataset => "item",
        FrameKind.Sequence => "sequence",
        _ => "encapsulated pixel data",
    };

    private ref Frame Top => ref CollectionsMarshal.AsSpan(_frames)[^1];
}
