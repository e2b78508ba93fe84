using System.Buffers;
using System.Buffers.Binary;

namespace Tessera.Dimse.Pdus;

/// <summary>
/// Decodes one complete PDU (header included), as delivered by <c>PduFramer</c>. Every length is checked
/// against what is actually present before it is used, so a hostile length can make decoding fail but
/// never allocate or read out of bounds. Failures are <see cref="PduDecodeException"/> with the A-ABORT
/// reason the state machine sends (PS3.8 Evt19).
/// </summary>
public static class PduDecoder
{
    /// <summary>Reads the PDU type and body length from a 6-byte header (PS3.8 9.3.1).</summary>
    public static (byte Type, uint Length) ReadHeader(ReadOnlySpan<byte> header) =>
        (header[0], BinaryPrimitives.ReadUInt32BigEndian(header[2..]));

    public static Pdu Decode(byte[] pdu) => Decode(new ReadOnlySequence<byte>(pdu));

    public static Pdu Decode(ReadOnlySequence<byte> pdu)
    {
        if (pdu.Length < Pdu.HeaderLength)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"A PDU of {pdu.Length} bytes is shorter than its header");
        }

        Span<byte> header = stackalloc byte[Pdu.HeaderLength];
        pdu.Slice(0, Pdu.HeaderLength).CopyTo(header);
        var (type, length) = ReadHeader(header);
        if (length != pdu.Length - Pdu.HeaderLength)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"PDU length field {length} but {pdu.Length - Pdu.HeaderLength} bytes follow the header");
        }

        var body = pdu.Slice(Pdu.HeaderLength);
        return (PduType)type switch
        {
            PduType.PDataTf => DecodePDataTf(body),
            PduType.AAssociateRq or PduType.AAssociateAc => DecodeAssociate((PduType)type, Contiguous(body)),
            PduType.AAssociateRj => DecodeFixed(body, span => new AAssociateRj((AssociateRejectResult)span[1], (AssociateRejectSource)span[2], span[3])),
            PduType.AReleaseRq => DecodeFixed(body, _ => new AReleaseRq()),
            PduType.AReleaseRp => DecodeFixed(body, _ => new AReleaseRp()),
            PduType.AAbort => DecodeFixed(body, span => new AAbort((AbortSource)span[2], (AbortReason)span[3])),
            _ => throw new PduDecodeException(AbortReason.UnrecognizedPdu, $"Unrecognized PDU type 0x{type:X2}"),
        };
    }

    private static ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> body) => body.IsSingleSegment ? body.FirstSpan : body.ToArray();

    private delegate Pdu FixedBody(ReadOnlySpan<byte> body);

    /// <summary>A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT have a 4-byte body (PS3.8 Tables 9-21, 9-24, 9-25, 9-26); reserved bytes are not tested.</summary>
    private static Pdu DecodeFixed(ReadOnlySequence<byte> body, FixedBody create)
    {
        if (body.Length != 4)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"PDU body is {body.Length} bytes, expected 4");
        }

        Span<byte> span = stackalloc byte[4];
        body.CopyTo(span);
        return create(span);
    }

    private static PDataTf DecodePDataTf(ReadOnlySequence<byte> body)
    {
        var values = new List<PresentationDataValue>(1);
        var reader = new SequenceReader<byte>(body);
        while (!reader.End)
        {
            if (!reader.TryReadBigEndian(out int itemLength))
            {
                throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"Truncated PDV item header at offset {reader.Consumed}");
            }

            // The item length covers the context ID and the message control header (PS3.8 9.3.5.1), so it is at least 2.
            if (itemLength < 2 || itemLength > reader.Remaining)
            {
                throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"PDV item length {(uint)itemLength} at offset {reader.Consumed - 4} does not fit the {reader.Remaining} bytes left");
            }

            reader.TryRead(out var contextId);
            reader.TryRead(out var control);
            var data = reader.UnreadSequence.Slice(0, itemLength - 2);
            reader.Advance(itemLength - 2);
            values.Add(new PresentationDataValue(
                contextId,
                (control & PresentationDataValue.CommandBit) != 0,
                (control & PresentationDataValue.LastFragmentBit) != 0,
                data));
        }

        if (values.Count == 0)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, "P-DATA-TF without any PDV item");
        }

        return new PDataTf(values);
    }

    private static Pdu DecodeAssociate(PduType type, ReadOnlySpan<byte> body)
    {
        var r = new PduSpanReader(body);
        var protocolVersion = r.ReadUInt16("protocol version");
        r.Skip(2, "reserved");
        var called = PduSpanReader.DecodeAscii(r.ReadBytes(16, "called AE title"));
        var calling = PduSpanReader.DecodeAscii(r.ReadBytes(16, "calling AE title"));
        r.Skip(32, "reserved");

        string? applicationContext = null;
        var requested = new List<PresentationContextRq>();
        var accepted = new List<PresentationContextAc>();
        UserInformation? userInformation = null;
        while (r.Remaining > 0)
        {
            var itemType = ReadItem(ref r, out var item);
            switch ((ItemType)itemType)
            {
                case ItemType.ApplicationContext when applicationContext is null:
                    applicationContext = PduSpanReader.DecodeAscii(item);
                    break;
                case ItemType.PresentationContextRq when type == PduType.AAssociateRq:
                    requested.Add(DecodePresentationContextRq(item));
                    break;
                case ItemType.PresentationContextAc when type == PduType.AAssociateAc:
                    accepted.Add(DecodePresentationContextAc(item));
                    break;
                case ItemType.UserInformation when userInformation is null:
                    userInformation = DecodeUserInformation(item);
                    break;
                case ItemType.ApplicationContext or ItemType.UserInformation or ItemType.PresentationContextRq or ItemType.PresentationContextAc:
                    throw new PduDecodeException(AbortReason.UnexpectedPduParameter, $"Unexpected item 0x{itemType:X2} in {type}");
                default:
                    throw new PduDecodeException(AbortReason.UnrecognizedPduParameter, $"Unrecognized item 0x{itemType:X2} in {type}");
            }
        }

        if (applicationContext is null)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"{type} without an application context item");
        }

        // PS3.8 9.3.2: the user information item is mandatory, but some old peers omit it; accept an empty one (lenient in).
        userInformation ??= new UserInformation();
        return type == PduType.AAssociateRq
            ? new AAssociateRq
            {
                ProtocolVersion = protocolVersion,
                CalledAETitle = called,
                CallingAETitle = calling,
                ApplicationContextName = applicationContext,
                PresentationContexts = requested,
                UserInformation = userInformation,
            }
            : new AAssociateAc
            {
                ProtocolVersion = protocolVersion,
                CalledAETitle = called,
                CallingAETitle = calling,
                ApplicationContextName = applicationContext,
                PresentationContexts = accepted,
                UserInformation = userInformation,
            };
    }

    /// <summary>Item header: type (1), reserved (1), length (2); the content must fit in what remains.</summary>
    private static byte ReadItem(ref PduSpanReader r, out ReadOnlySpan<byte> content)
    {
        var type = r.ReadByte();
        r.Skip(1, "reserved");
        var length = r.ReadUInt16($"item 0x{type:X2} length");
        content = r.ReadBytes(length, $"item 0x{type:X2}");
        return type;
    }

    private static PresentationContextRq DecodePresentationContextRq(ReadOnlySpan<byte> item)
    {
        var r = new PduSpanReader(item);
        var id = r.ReadByte();
        r.Skip(3, "reserved");
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        while (r.Remaining > 0)
        {
            var type = ReadItem(ref r, out var content);
            switch ((ItemType)type)
            {
                case ItemType.AbstractSyntax when abstractSyntax is null:
                    abstractSyntax = PduSpanReader.DecodeAscii(content);
                    break;
                case ItemType.TransferSyntax:
                    transferSyntaxes.Add(PduSpanReader.DecodeAscii(content));
                    break;
                default:
                    throw new PduDecodeException(AbortReason.UnexpectedPduParameter, $"Unexpected sub-item 0x{type:X2} in presentation context {id}");
            }
        }

        if (abstractSyntax is null || transferSyntaxes.Count == 0)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"Presentation context {id} needs one abstract syntax and at least one transfer syntax");
        }

        return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextAc DecodePresentationContextAc(ReadOnlySpan<byte> item)
    {
        var r = new PduSpanReader(item);
        var id = r.ReadByte();
        r.Skip(1, "reserved");
        var result = r.ReadByte();
        r.Skip(1, "reserved");
        if (result > (byte)PresentationContextResult.TransferSyntaxesNotSupported)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"Presentation context {id} result {result} is not defined in PS3.8 Table 9-18");
        }

        // PS3.8 9.3.3.2: one transfer syntax sub-item, not tested when the context is rejected; tolerate its absence then.
        var transferSyntax = string.Empty;
        var seen = false;
        while (r.Remaining > 0)
        {
            var type = ReadItem(ref r, out var content);
            if ((ItemType)type != ItemType.TransferSyntax || seen)
            {
                throw new PduDecodeException(AbortReason.UnexpectedPduParameter, $"Unexpected sub-item 0x{type:X2} in accepted presentation context {id}");
            }

            transferSyntax = PduSpanReader.DecodeAscii(content);
            seen = true;
        }

        if (!seen && result == (byte)PresentationContextResult.Acceptance)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"Accepted presentation context {id} names no transfer syntax");
        }

        return new PresentationContextAc(id, (PresentationContextResult)result, transferSyntax);
    }

    private static UserInformation DecodeUserInformation(ReadOnlySpan<byte> item)
    {
        var r = new PduSpanReader(item);
        uint? maximumLength = null;
        string? implementationClassUid = null;
        string? implementationVersionName = null;
        AsynchronousOperationsWindow? window = null;
        List<RoleSelection>? roles = null;
        List<SopClassExtendedNegotiation>? extended = null;
        List<SopClassCommonExtendedNegotiation>? common = null;
        UserIdentityRq? identityRq = null;
        UserIdentityAc? identityAc = null;
        while (r.Remaining > 0)
        {
            var type = ReadItem(ref r, out var content);
            var s = new PduSpanReader(content);
            switch ((ItemType)type)
            {
                case ItemType.MaximumLength:
                    maximumLength = s.ReadUInt32("maximum length");
                    break;
                case ItemType.ImplementationClassUid:
                    implementationClassUid = PduSpanReader.DecodeAscii(content);
                    s.Skip(content.Length, "implementation class UID");
                    break;
                case ItemType.ImplementationVersionName:
                    implementationVersionName = PduSpanReader.DecodeAscii(content);
                    s.Skip(content.Length, "implementation version name");
                    break;
                case ItemType.AsynchronousOperationsWindow:
                    window = new AsynchronousOperationsWindow(s.ReadUInt16("max operations invoked"), s.ReadUInt16("max operations performed"));
                    break;
                case ItemType.ScpScuRoleSelection:
                    var sopClass = s.ReadAscii(s.ReadUInt16("role selection UID length"), "role selection UID");
                    (roles ??= []).Add(new RoleSelection(sopClass, s.ReadByte() != 0, s.ReadByte() != 0));
                    break;
                case ItemType.SopClassExtendedNegotiation:
                    var extendedClass = s.ReadAscii(s.ReadUInt16("extended negotiation UID length"), "extended negotiation UID");
                    (extended ??= []).Add(new SopClassExtendedNegotiation(extendedClass, s.ReadBytes(s.Remaining, "application information").ToArray()));
                    break;
                case ItemType.SopClassCommonExtendedNegotiation:
                    (common ??= []).Add(DecodeCommonExtendedNegotiation(ref s));
                    break;
                case ItemType.UserIdentityRq:
                    var identityType = (UserIdentityType)s.ReadByte();
                    var positive = s.ReadByte() != 0;
                    var primary = s.ReadBytes(s.ReadUInt16("primary field length"), "primary field").ToArray();
                    var secondary = s.ReadBytes(s.ReadUInt16("secondary field length"), "secondary field").ToArray();
                    identityRq = new UserIdentityRq(identityType, positive, primary, secondary);
                    break;
                case ItemType.UserIdentityAc:
                    identityAc = new UserIdentityAc(s.ReadBytes(s.ReadUInt16("server response length"), "server response").ToArray());
                    break;
                default:
                    // PS3.7 D.3.3: sub-items of unknown type are ignored so that new negotiations do not break old peers.
                    s.Skip(content.Length, "unknown sub-item");
                    break;
            }

            if (s.Remaining != 0)
            {
                throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"User information sub-item 0x{type:X2} has {s.Remaining} bytes beyond its fields");
            }
        }

        return new UserInformation
        {
            MaximumLength = maximumLength,
            ImplementationClassUid = implementationClassUid,
            ImplementationVersionName = implementationVersionName,
            AsynchronousOperationsWindow = window,
            RoleSelections = roles ?? [],
            ExtendedNegotiations = extended ?? [],
            CommonExtendedNegotiations = common ?? [],
            UserIdentityRq = identityRq,
            UserIdentityAc = identityAc,
        };
    }

    private static SopClassCommonExtendedNegotiation DecodeCommonExtendedNegotiation(ref PduSpanReader s)
    {
        var sopClass = s.ReadAscii(s.ReadUInt16("SOP class UID length"), "SOP class UID");
        var serviceClass = s.ReadAscii(s.ReadUInt16("service class UID length"), "service class UID");
        var related = new PduSpanReader(s.ReadBytes(s.ReadUInt16("related general SOP classes length"), "related general SOP classes"));
        var relatedUids = new List<string>();
        while (related.Remaining > 0)
        {
            relatedUids.Add(related.ReadAscii(related.ReadUInt16("related general SOP class UID length"), "related general SOP class UID"));
        }

        return new SopClassCommonExtendedNegotiation(sopClass, serviceClass, relatedUids);
    }
}
