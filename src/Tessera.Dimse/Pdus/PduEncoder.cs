namespace Tessera.Dimse.Pdus;

/// <summary>
/// Encodes PDUs (PS3.8 9.3). Lengths are computed first so a PDU is written into one contiguous buffer and
/// handed to the transport in one write: a PDU split over several writes invites Nagle/delayed-ACK stalls.
/// </summary>
public static class PduEncoder
{
    /// <summary>Item lengths are 16-bit (PS3.8 9.3.2.x).</summary>
    private const int MaxItemLength = ushort.MaxValue;

    /// <summary>Protocol version (2), reserved (2), called AE (16), calling AE (16), reserved (32): PS3.8 Table 9-11.</summary>
    private const int AssociateFixedFieldsLength = 68;

    /// <summary>The length of the whole PDU, header included.</summary>
    public static int GetEncodedLength(Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var body = GetBodyLength(pdu);
        if (body > uint.MaxValue || body + Pdu.HeaderLength > Array.MaxLength)
        {
            throw new ArgumentException($"A {pdu.Type} of {body} bytes cannot be encoded", nameof(pdu));
        }

        return (int)body + Pdu.HeaderLength;
    }

    public static byte[] Encode(Pdu pdu)
    {
        var buffer = new byte[GetEncodedLength(pdu)];
        Encode(pdu, buffer);
        return buffer;
    }

    /// <summary>Encodes into <paramref name="destination"/>, which must hold <see cref="GetEncodedLength"/> bytes; returns the bytes written.</summary>
    public static int Encode(Pdu pdu, Span<byte> destination)
    {
        var total = GetEncodedLength(pdu);
        if (destination.Length < total)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes, the PDU needs {total}", nameof(destination));
        }

        var w = new PduSpanWriter(destination);
        w.WriteByte((byte)pdu.Type);
        w.WriteByte(0);
        w.WriteUInt32((uint)(total - Pdu.HeaderLength));
        switch (pdu)
        {
            case AAssociateRq rq:
                WriteAssociateFixedFields(ref w, rq.ProtocolVersion, rq.CalledAETitle, rq.CallingAETitle);
                WriteApplicationContext(ref w, rq.ApplicationContextName);
                foreach (var pc in rq.PresentationContexts)
                {
                    WritePresentationContextRq(ref w, pc);
                }

                WriteUserInformation(ref w, rq.UserInformation);
                break;
            case AAssociateAc ac:
                WriteAssociateFixedFields(ref w, ac.ProtocolVersion, ac.CalledAETitle, ac.CallingAETitle);
                WriteApplicationContext(ref w, ac.ApplicationContextName);
                foreach (var pc in ac.PresentationContexts)
                {
                    w.WriteItemHeader(ItemType.PresentationContextAc, PresentationContextAcLength(pc));
                    w.WriteByte(pc.Id);
                    w.WriteByte(0);
                    w.WriteByte((byte)pc.Result);
                    w.WriteByte(0);
                    w.WriteItemHeader(ItemType.TransferSyntax, pc.TransferSyntax.Length);
                    w.WriteAscii(pc.TransferSyntax);
                }

                WriteUserInformation(ref w, ac.UserInformation);
                break;
            case AAssociateRj rj:
                w.WriteByte(0);
                w.WriteByte((byte)rj.Result);
                w.WriteByte((byte)rj.Source);
                w.WriteByte(rj.Reason);
                break;
            case PDataTf data:
                foreach (var pdv in data.Values)
                {
                    w.WriteUInt32((uint)(pdv.Data.Length + 2));
                    w.WriteByte(pdv.PresentationContextId);
                    w.WriteByte(pdv.MessageControlHeader);
                    w.WriteBytes(pdv.Data);
                }

                break;
            case AReleaseRq or AReleaseRp:
                w.WriteZeros(4);
                break;
            case AAbort abort:
                w.WriteZeros(2);
                w.WriteByte((byte)abort.Source);
                w.WriteByte((byte)abort.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown PDU {pdu.GetType().Name}", nameof(pdu));
        }

        return w.Position;
    }

    private static long GetBodyLength(Pdu pdu) => pdu switch
    {
        AAssociateRq rq => AssociateFixedFieldsLength + ItemLength(ApplicationContextLength(rq.ApplicationContextName))
            + rq.PresentationContexts.Sum(pc => (long)ItemLength(PresentationContextRqLength(pc)))
            + ItemLength(UserInformationLength(rq.UserInformation)),
        AAssociateAc ac => AssociateFixedFieldsLength + ItemLength(ApplicationContextLength(ac.ApplicationContextName))
            + ac.PresentationContexts.Sum(pc => (long)ItemLength(PresentationContextAcLength(pc)))
            + ItemLength(UserInformationLength(ac.UserInformation)),
        AAssociateRj => AAssociateRj.BodyLength,
        PDataTf data => data.Values.Count == 0
            ? throw new ArgumentException("A P-DATA-TF carries at least one PDV (PS3.8 9.3.5)", nameof(pdu))
            : data.Values.Sum(pdv => PresentationDataValue.HeaderLength + pdv.Data.Length),
        AReleaseRq => AReleaseRq.BodyLength,
        AReleaseRp => AReleaseRp.BodyLength,
        AAbort => AAbort.BodyLength,
        _ => throw new ArgumentException($"Unknown PDU {pdu.GetType().Name}", nameof(pdu)),
    };

    /// <summary>An item's content length plus its 4-byte header.</summary>
    private static int ItemLength(int contentLength) => 4 + contentLength;

    private static int CheckedItem(int length, string what) =>
        length <= MaxItemLength ? length : throw new ArgumentException($"{what} is {length} bytes; an item holds at most {MaxItemLength}");

    private static int AsciiLength(string value)
    {
        foreach (var c in value)
        {
            if (c > 0x7F)
            {
                throw new ArgumentException($"'{value}' is not ASCII; PDU strings are in the default character repertoire");
            }
        }

        return value.Length;
    }

    private static int ApplicationContextLength(string name) => CheckedItem(AsciiLength(name), "Application context name");

    private static int PresentationContextRqLength(PresentationContextRq pc)
    {
        if (pc.TransferSyntaxes.Count == 0)
        {
            throw new ArgumentException($"Presentation context {pc.Id} proposes no transfer syntax (PS3.8 9.3.2.2)");
        }

        var length = 4 + ItemLength(CheckedItem(AsciiLength(pc.AbstractSyntax), "Abstract syntax"))
            + pc.TransferSyntaxes.Sum(ts => ItemLength(CheckedItem(AsciiLength(ts), "Transfer syntax")));
        return CheckedItem(length, "Presentation context item");
    }

    private static int PresentationContextAcLength(PresentationContextAc pc) =>
        4 + ItemLength(CheckedItem(AsciiLength(pc.TransferSyntax), "Transfer syntax"));

    private static int UserInformationLength(UserInformation info)
    {
        var length = 0;
        if (info.MaximumLength is not null)
        {
            length += ItemLength(4);
        }

        if (info.ImplementationClassUid is { } uid)
        {
            length += ItemLength(CheckedItem(AsciiLength(uid), "Implementation class UID"));
        }

        if (info.AsynchronousOperationsWindow is not null)
        {
            length += ItemLength(4);
        }

        foreach (var role in info.RoleSelections)
        {
            length += ItemLength(CheckedItem(2 + AsciiLength(role.SopClassUid) + 2, "Role selection"));
        }

        if (info.ImplementationVersionName is { } name)
        {
            length += ItemLength(CheckedItem(AsciiLength(name), "Implementation version name"));
        }

        foreach (var ext in info.ExtendedNegotiations)
        {
            length += ItemLength(CheckedItem(2 + AsciiLength(ext.SopClassUid) + ext.ServiceClassApplicationInformation.Length, "SOP class extended negotiation"));
        }

        foreach (var common in info.CommonExtendedNegotiations)
        {
            length += ItemLength(CommonExtendedNegotiationLength(common));
        }

        if (info.UserIdentityRq is { } identity)
        {
            length += ItemLength(CheckedItem(1 + 1 + 2 + identity.PrimaryField.Length + 2 + identity.SecondaryField.Length, "User identity"));
        }

        if (info.UserIdentityAc is { } response)
        {
            length += ItemLength(CheckedItem(2 + response.ServerResponse.Length, "User identity response"));
        }

        return CheckedItem(length, "User information item");
    }

    private static int RelatedGeneralSopClassesLength(SopClassCommonExtendedNegotiation common) =>
        CheckedItem(common.RelatedGeneralSopClassUids.Sum(uid => 2 + AsciiLength(uid)), "Related general SOP class identification");

    private static int CommonExtendedNegotiationLength(SopClassCommonExtendedNegotiation common) =>
        CheckedItem(2 + AsciiLength(common.SopClassUid) + 2 + AsciiLength(common.ServiceClassUid) + 2 + RelatedGeneralSopClassesLength(common), "SOP class common extended negotiation");

    private static void WriteAssociateFixedFields(ref PduSpanWriter w, ushort protocolVersion, string called, string calling)
    {
        w.WriteUInt16(protocolVersion);
        w.WriteZeros(2);
        w.WriteAETitle(AETitle.Validate(called));
        w.WriteAETitle(AETitle.Validate(calling));
        w.WriteZeros(32);
    }

    private static void WriteApplicationContext(ref PduSpanWriter w, string name)
    {
        w.WriteItemHeader(ItemType.ApplicationContext, name.Length);
        w.WriteAscii(name);
    }

    private static void WritePresentationContextRq(ref PduSpanWriter w, PresentationContextRq pc)
    {
        w.WriteItemHeader(ItemType.PresentationContextRq, PresentationContextRqLength(pc));
        w.WriteByte(pc.Id);
        w.WriteZeros(3);
        w.WriteItemHeader(ItemType.AbstractSyntax, pc.AbstractSyntax.Length);
        w.WriteAscii(pc.AbstractSyntax);
        foreach (var ts in pc.TransferSyntaxes)
        {
            w.WriteItemHeader(ItemType.TransferSyntax, ts.Length);
            w.WriteAscii(ts);
        }
    }

    /// <summary>Sub-items in ascending type order, the order of PS3.7 Annex D.3.3 and the one strict peers expect.</summary>
    private static void WriteUserInformation(ref PduSpanWriter w, UserInformation info)
    {
        w.WriteItemHeader(ItemType.UserInformation, UserInformationLength(info));
        if (info.MaximumLength is { } max)
        {
            w.WriteItemHeader(ItemType.MaximumLength, 4);
            w.WriteUInt32(max);
        }

        if (info.ImplementationClassUid is { } uid)
        {
            w.WriteItemHeader(ItemType.ImplementationClassUid, uid.Length);
            w.WriteAscii(uid);
        }

        if (info.AsynchronousOperationsWindow is { } window)
        {
            w.WriteItemHeader(ItemType.AsynchronousOperationsWindow, 4);
            w.WriteUInt16(window.MaximumOperationsInvoked);
            w.WriteUInt16(window.MaximumOperationsPerformed);
        }

        foreach (var role in info.RoleSelections)
        {
            w.WriteItemHeader(ItemType.ScpScuRoleSelection, 2 + role.SopClassUid.Length + 2);
            w.WriteUInt16(role.SopClassUid.Length);
            w.WriteAscii(role.SopClassUid);
            w.WriteByte(role.ScuRole ? (byte)1 : (byte)0);
            w.WriteByte(role.ScpRole ? (byte)1 : (byte)0);
        }

        if (info.ImplementationVersionName is { } name)
        {
            w.WriteItemHeader(ItemType.ImplementationVersionName, name.Length);
            w.WriteAscii(name);
        }

        foreach (var ext in info.ExtendedNegotiations)
        {
            w.WriteItemHeader(ItemType.SopClassExtendedNegotiation, 2 + ext.SopClassUid.Length + ext.ServiceClassApplicationInformation.Length);
            w.WriteUInt16(ext.SopClassUid.Length);
            w.WriteAscii(ext.SopClassUid);
            w.WriteBytes(ext.ServiceClassApplicationInformation.Span);
        }

        foreach (var common in info.CommonExtendedNegotiations)
        {
            w.WriteItemHeader(ItemType.SopClassCommonExtendedNegotiation, CommonExtendedNegotiationLength(common));
            w.WriteUInt16(common.SopClassUid.Length);
            w.WriteAscii(common.SopClassUid);
            w.WriteUInt16(common.ServiceClassUid.Length);
            w.WriteAscii(common.ServiceClassUid);
            w.WriteUInt16(RelatedGeneralSopClassesLength(common));
            foreach (var related in common.RelatedGeneralSopClassUids)
            {
                w.WriteUInt16(related.Length);
                w.WriteAscii(related);
            }
        }

        if (info.UserIdentityRq is { } identity)
        {
            w.WriteItemHeader(ItemType.UserIdentityRq, 1 + 1 + 2 + identity.PrimaryField.Length + 2 + identity.SecondaryField.Length);
            w.WriteByte((byte)identity.IdentityType);
            w.WriteByte(identity.PositiveResponseRequested ? (byte)1 : (byte)0);
            w.WriteUInt16(identity.PrimaryField.Length);
            w.WriteBytes(identity.PrimaryField.Span);
            w.WriteUInt16(identity.SecondaryField.Length);
            w.WriteBytes(identity.SecondaryField.Span);
        }

        if (info.UserIdentityAc is { } response)
        {
            w.WriteItemHeader(ItemType.UserIdentityAc, 2 + response.ServerResponse.Length);
            w.WriteUInt16(response.ServerResponse.Length);
            w.WriteBytes(response.ServerResponse.Span);
        }
    }
}
