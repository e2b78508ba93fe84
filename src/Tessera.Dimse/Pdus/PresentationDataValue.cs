using System.Buffers;

namespace Tessera.Dimse.Pdus;

/// <summary>
/// A presentation data value item (PS3.8 9.3.5.1 and Annex E.2): item length (4), presentation context
/// ID (1), message control header (1), then a fragment of a command or data set.
/// </summary>
/// <remarks>
/// <see cref="Data"/> is borrowed: when decoded it slices the receive buffer and is valid only until the
/// framer is advanced past the PDU. A consumer that keeps the bytes copies them (usually into the
/// data-set pipe, which it must do anyway).
/// </remarks>
public readonly record struct PresentationDataValue(byte PresentationContextId, bool IsCommand, bool IsLastFragment, ReadOnlySequence<byte> Data)
{
    /// <summary>Item length (4) + presentation context ID (1) + message control header (1).</summary>
    public const int HeaderLength = 6;

    /// <summary>Bit 0 of the message control header: 1 = command, 0 = data set.</summary>
    public const byte CommandBit = 0x01;

    /// <summary>Bit 1 of the message control header: 1 = last fragment.</summary>
    public const byte LastFragmentBit = 0x02;

    public PresentationDataValue(byte presentationContextId, bool isCommand, bool isLastFragment, ReadOnlyMemory<byte> data)
        : this(presentationContextId, isCommand, isLastFragment, new ReadOnlySequence<byte>(data))
    {
    }

    public byte MessageControlHeader => (byte)((IsCommand ? CommandBit : 0) | (IsLastFragment ? LastFragmentBit : 0));
}
