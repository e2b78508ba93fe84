using CsCheck;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Pdus;

/// <summary>CsCheck generators for every PDU and item, within the limits the encoder enforces.</summary>
internal static class PduGenerators
{
    public static readonly Gen<string> Uid =
        Gen.Char["0123456789."].Array[1, 64].Select(chars => new string(chars).Trim('.') is { Length: > 0 } s ? s : "1");

    public static readonly Gen<string> AETitle =
        Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"].Array[1, 16].Select(chars => new string(chars));

    public static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 40];

    public static readonly Gen<RoleSelection> Role = Gen.Select(Uid, Gen.Bool, Gen.Bool, (u, scu, scp) => new RoleSelection(u, scu, scp));

    public static readonly Gen<UserInformation> UserInformation =
        Gen.Select(
            Gen.UInt.Nullable(),
            Uid.Null(),
            AETitle.Null(),
            Gen.Select(Gen.UShort, Gen.UShort, (a, b) => new AsynchronousOperationsWindow(a, b)).Null(),
            Role.List[0, 3],
            Gen.Select(Uid, Bytes, (u, b) => new SopClassExtendedNegotiation(u, b)).List[0, 2],
            Gen.Select(Uid, Uid, Uid.List[0, 3], (a, b, c) => new SopClassCommonExtendedNegotiation(a, b, c)).List[0, 2],
            Gen.Select(Gen.Enum<UserIdentityType>(), Gen.Bool, Bytes, Bytes, (t, p, a, b) => new UserIdentityRq(t, p, a, b)).Null())
        .Select(Gen.Select(Bytes, b => new UserIdentityAc(b)).Null(), (t, ac) => new UserInformation
        {
            MaximumLength = t.Item1,
            ImplementationClassUid = t.Item2,
            ImplementationVersionName = t.Item3,
            AsynchronousOperationsWindow = t.Item4,
            RoleSelections = t.Item5,
            ExtendedNegotiations = t.Item6,
            CommonExtendedNegotiations = t.Item7,
            UserIdentityRq = t.Item8,
            UserIdentityAc = ac,
        });

    public static readonly Gen<AAssociateRq> AssociateRq =
        Gen.Select(AETitle, AETitle, Uid, Gen.Select(Gen.Byte, Uid, Uid.List[1, 4], (id, a, t) => new PresentationContextRq(id, a, t)).List[0, 5], UserInformation,
            (called, calling, ctx, pcs, ui) => new AAssociateRq { CalledAETitle = called, CallingAETitle = calling, ApplicationContextName = ctx, PresentationContexts = pcs, UserInformation = ui });

    public static readonly Gen<AAssociateAc> AssociateAc =
        Gen.Select(AETitle, AETitle, Gen.Select(Gen.Byte, Gen.Enum<PresentationContextResult>(), Uid, (id, r, t) => new PresentationContextAc(id, r, t)).List[0, 5], UserInformation,
            (called, calling, pcs, ui) => new AAssociateAc { CalledAETitle = called, CallingAETitle = calling, PresentationContexts = pcs, UserInformation = ui });

    public static readonly Gen<PDataTf> PDataTf =
        Gen.Select(Gen.Byte, Gen.Bool, Gen.Bool, Gen.Byte.Array[0, 300], (id, c, l, d) => new PresentationDataValue(id, c, l, (ReadOnlyMemory<byte>)d))
            .Array[1, 4].Select(values => new PDataTf(values));

    public static readonly Gen<Pdu> AnyPdu = Gen.OneOf<Pdu>(
        AssociateRq.Select(p => (Pdu)p),
        AssociateAc.Select(p => (Pdu)p),
        Gen.Select(Gen.Enum<AssociateRejectResult>(), Gen.Enum<AssociateRejectSource>(), Gen.Byte, (a, b, c) => (Pdu)new AAssociateRj(a, b, c)),
        PDataTf.Select(p => (Pdu)p),
        Gen.Const<Pdu>(new AReleaseRq()),
        Gen.Const<Pdu>(new AReleaseRp()),
        Gen.Select(Gen.Enum<AbortSource>(), Gen.Enum<AbortReason>(), (s, r) => (Pdu)new AAbort(s, r)));
}
