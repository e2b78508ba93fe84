using System.Buffers;
using System.Text;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Pdus;

/// <summary>Byte fixtures written from the PS3.8 9.3 tables, decoded and re-encoded byte for byte.</summary>
public sealed class PduFixtureTests
{
    internal const string AssociateRqFixture = """
        01 00 000000AA                       // A-ASSOCIATE-RQ, reserved, PDU length 170
        0001 0000                            // protocol version 1, reserved
        "ANY-SCP         "                   // called AE title, 16 bytes space-padded
        "ECHOSCU         "                   // calling AE title
        00000000000000000000000000000000     // 32 reserved bytes
        00000000000000000000000000000000
        10 00 0015 "1.2.840.10008.3.1.1.1"   // application context item (10H), 21 bytes
        20 00 002E 01 000000                 // presentation context (20H), 46 bytes, ID 1, reserved
           30 00 0011 "1.2.840.10008.1.1"    //   abstract syntax (30H): Verification
           40 00 0011 "1.2.840.10008.1.2"    //   transfer syntax (40H): Implicit VR Little Endian
        50 00 0017                           // user information (50H), 23 bytes
           51 00 0004 00004000               //   maximum length 16384
           52 00 0005 "1.2.3"                //   implementation class UID
           55 00 0002 "T1"                   //   implementation version name
        """;

    internal static AAssociateRq AssociateRq => new()
    {
        CalledAETitle = "ANY-SCP",
        CallingAETitle = "ECHOSCU",
        PresentationContexts = [new PresentationContextRq(1, DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])],
        UserInformation = new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3", ImplementationVersionName = "T1" },
    };

    [Fact]
    public void AssociateRqDecodesFromFixture()
    {
        var rq = Assert.IsType<AAssociateRq>(PduDecoder.Decode(Hex.Parse(AssociateRqFixture)));
        Assert.Equal(1, rq.ProtocolVersion);
        Assert.Equal("ANY-SCP", rq.CalledAETitle);
        Assert.Equal("ECHOSCU", rq.CallingAETitle);
        Assert.Equal(DimseUids.DicomApplicationContext, rq.ApplicationContextName);
        var pc = Assert.Single(rq.PresentationContexts);
        Assert.Equal(1, pc.Id);
        Assert.Equal(DimseUids.Verification, pc.AbstractSyntax);
        Assert.Equal([DimseUids.ImplicitVRLittleEndian], pc.TransferSyntaxes);
        Assert.Equal(16384u, rq.UserInformation.MaximumLength);
        Assert.Equal("1.2.3", rq.UserInformation.ImplementationClassUid);
        Assert.Equal("T1", rq.UserInformation.ImplementationVersionName);
    }

    [Fact]
    public void AssociateRqEncodesToFixture() =>
        Assert.Equal(Hex.Format(Hex.Parse(AssociateRqFixture)), Hex.Format(PduEncoder.Encode(AssociateRq)));

    [Fact]
    public void AssociateAcWithEverySubItemMatchesFixture()
    {
        const string fixture = """
            02 00 000000EB                       // A-ASSOCIATE-AC, length 235
            0001 0000                            // protocol version 1, reserved
            "ANY-SCP         " "ECHOSCU         " // AE titles echoed from the RQ
            00000000000000000000000000000000 00000000000000000000000000000000
            10 00 0015 "1.2.840.10008.3.1.1.1"   // application context
            21 00 0019 01 00 00 00               // presentation context AC (21H), 25 bytes, ID 1, result 0 = acceptance
               40 00 0011 "1.2.840.10008.1.2"    //   transfer syntax
            21 00 0008 03 00 03 00               // ID 3, result 3 = abstract syntax not supported
               40 00 0000                        //   empty transfer syntax sub-item (not tested when rejected)
            50 00 0061                           // user information, 97 bytes
               51 00 0004 00010000               //   maximum length 65536
               52 00 0005 "1.2.3"                //   implementation class UID
               53 00 0004 0005 0001              //   async window: 5 invoked, 1 performed
               54 00 0009 0005 "1.2.3" 01 00     //   role selection: UID length 5, SCU role 1, SCP role 0
               55 00 0002 "T1"                   //   implementation version name
               56 00 0009 0005 "1.2.4" 01 02     //   SOP class extended negotiation, 2 bytes of application information
               57 00 001B 0005 "1.2.5"           //   common extended negotiation: SOP class
                  0005 "1.2.6"                   //     service class
                  000B 0003 "1.7" 0004 "1.88"    //     related general SOP classes (11 bytes: two UIDs)
               59 00 0005 0003 "tok"             //   user identity server response
            """;
        var ac = new AAssociateAc
        {
            CalledAETitle = "ANY-SCP",
            CallingAETitle = "ECHOSCU",
            PresentationContexts =
            [
                new PresentationContextAc(1, PresentationContextResult.Acceptance, DimseUids.ImplicitVRLittleEndian),
                new PresentationContextAc(3, PresentationContextResult.AbstractSyntaxNotSupported, string.Empty),
            ],
            UserInformation = new UserInformation
            {
                MaximumLength = 65536,
                ImplementationClassUid = "1.2.3",
                AsynchronousOperationsWindow = new AsynchronousOperationsWindow(5, 1),
                RoleSelections = [new RoleSelection("1.2.3", true, false)],
                ImplementationVersionName = "T1",
                ExtendedNegotiations = [new SopClassExtendedNegotiation("1.2.4", new byte[] { 1, 2 })],
                CommonExtendedNegotiations = [new SopClassCommonExtendedNegotiation("1.2.5", "1.2.6", ["1.7", "1.88"])],
                UserIdentityAc = new UserIdentityAc(Encoding.ASCII.GetBytes("tok")),
            },
        };
        var bytes = Hex.Parse(fixture);
        Assert.Equal(Hex.Format(bytes), Hex.Format(PduEncoder.Encode(ac)));
        var decoded = Assert.IsType<AAssociateAc>(PduDecoder.Decode(bytes));
        Assert.Equal(Hex.Format(bytes), Hex.Format(PduEncoder.Encode(decoded)));
        Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, decoded.PresentationContexts[1].Result);
        Assert.Equal(["1.7", "1.88"], decoded.UserInformation.CommonExtendedNegotiations[0].RelatedGeneralSopClassUids);
    }

    [Fact]
    public void UserIdentityRqMatchesFixture()
    {
        const string fixture = """
            50 00 0010                 // user information, 16 bytes
               58 00 000C              //   user identity RQ, 12 bytes
                  02 01                //     type 2 = username and passcode, positive response requested
                  0003 "bob"           //     primary field
                  0003 "pw!"           //     secondary field
            """;
        var rq = AssociateRq with
        {
            PresentationContexts = [],
            UserInformation = new UserInformation
            {
                UserIdentityRq = new UserIdentityRq(UserIdentityType.UsernameAndPasscode, true, Encoding.ASCII.GetBytes("bob"), Encoding.ASCII.GetBytes("pw!")),
            },
        };
        var encoded = PduEncoder.Encode(rq);
        var userInfo = Hex.Parse(fixture);
        Assert.Equal(Hex.Format(userInfo), Hex.Format(encoded.AsSpan(encoded.Length - userInfo.Length)));
        var identity = ((AAssociateRq)PduDecoder.Decode(encoded)).UserInformation.UserIdentityRq!;
        Assert.Equal(UserIdentityType.UsernameAndPasscode, identity.IdentityType);
        Assert.True(identity.PositiveResponseRequested);
        Assert.Equal("pw!", Encoding.ASCII.GetString(identity.SecondaryField.Span));
    }

    [Theory]
    [InlineData("03 00 00000004 00 01 01 07", typeof(AAssociateRj))] // RJ: permanent, service-user, called AE not recognized
    [InlineData("05 00 00000004 00000000", typeof(AReleaseRq))]
    [InlineData("06 00 00000004 00000000", typeof(AReleaseRp))]
    [InlineData("07 00 00000004 0000 02 06", typeof(AAbort))]      // A-ABORT: provider, invalid PDU parameter value
    public void FixedPdusRoundTrip(string hex, Type type)
    {
        var bytes = Hex.Parse(hex);
        var pdu = PduDecoder.Decode(bytes);
        Assert.IsType(type, pdu);
        Assert.Equal(hex.Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Format(PduEncoder.Encode(pdu)));
    }

    [Fact]
    public void RejectFieldsDecode()
    {
        var rj = Assert.IsType<AAssociateRj>(PduDecoder.Decode(Hex.Parse("03 00 00000004 00 02 03 02")));
        Assert.Equal(new AAssociateRj(AssociateRejectResult.RejectedTransient, AssociateRejectSource.ServiceProviderPresentation, AssociateRejectReason.LocalLimitExceeded), rj);
    }

    [Fact]
    public void PDataTfWithTwoPdvsMatchesFixture()
    {
        const string fixture = """
            04 00 0000000F          // P-DATA-TF, length 15
            00000004 01 03 AA BB    // PDV: length 4, context 1, MCH 03 = command + last, 2 data bytes
            00000003 01 00 CC       // PDV: length 3, context 1, MCH 00 = data set, not last, 1 byte
            """;
        var bytes = Hex.Parse(fixture);
        var pdu = Assert.IsType<PDataTf>(PduDecoder.Decode(bytes));
        Assert.Equal(2, pdu.Values.Count);
        Assert.True(pdu.Values[0].IsCommand);
        Assert.True(pdu.Values[0].IsLastFragment);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, pdu.Values[0].Data.ToArray());
        Assert.False(pdu.Values[1].IsCommand);
        Assert.False(pdu.Values[1].IsLastFragment);
        Assert.Equal(Hex.Format(bytes), Hex.Format(PduEncoder.Encode(pdu)));
    }

    [Fact]
    public void PDataTfDecodesAcrossSegments()
    {
        var bytes = Hex.Parse("04 00 0000000A 00000006 05 02 01 02 03 04");
        var sequence = TestSequences.Split(bytes, 1);
        var pdu = Assert.IsType<PDataTf>(PduDecoder.Decode(sequence));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, pdu.Values[0].Data.ToArray());
        Assert.Equal(5, pdu.Values[0].PresentationContextId);
    }

    [Fact]
    public void PaddedUidsAndAETitlesAreTrimmed()
    {
        var bytes = Hex.Parse(AssociateRqFixture);
        var rq = (AAssociateRq)PduDecoder.Decode(bytes);
        Assert.Equal("ANY-SCP", rq.CalledAETitle);
        var nulPadded = rq with { ApplicationContextName = DimseUids.DicomApplicationContext + "\0" };
        Assert.Equal(DimseUids.DicomApplicationContext, ((AAssociateRq)PduDecoder.Decode(PduEncoder.Encode(nulPadded))).ApplicationContextName);
    }
}
