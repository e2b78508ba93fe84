using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Pdus;

/// <summary>Malformed input from hostile or broken peers: each case is a typed error with the A-ABORT reason to send.</summary>
public sealed class PduDecoderHostileTests
{
    [Fact]
    public void UnknownPduTypeIsUnrecognizedPdu()
    {
        var ex = Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(Hex.Parse("09 00 00000004 00000000")));
        Assert.Equal(AbortReason.UnrecognizedPdu, ex.Reason);
    }

    [Fact]
    public void LengthFieldDisagreeingWithDataIsInvalid()
    {
        var ex = Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(Hex.Parse("05 00 FFFFFFFF 00000000")));
        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
    }

    [Theory]
    [InlineData("04 00 00000000")]                          // P-DATA-TF without PDVs
    [InlineData("04 00 00000005 00000001 01")]              // PDV item length 1 < 2
    [InlineData("04 00 00000006 FFFFFFF0 01 03")]           // PDV item length far beyond the PDU
    [InlineData("04 00 00000003 000000")]                   // truncated PDV header
    [InlineData("05 00 00000003 000000")]                   // A-RELEASE-RQ body not 4 bytes
    [InlineData("07 00 00000005 0000020600")]               // A-ABORT body not 4 bytes
    public void MalformedBodiesAreInvalidParameterValues(string hex)
    {
        var ex = Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(Hex.Parse(hex)));
        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
    }

    [Fact]
    public void ItemLengthOverrunningThePduIsInvalid()
    {
        var bytes = Hex.Parse(PduFixtureTests.AssociateRqFixture);
        bytes[6 + 68 + 2] = 0xFF; // application context item length high byte → 0xFF15
        var ex = Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(bytes));
        Assert.Equal(AbortReason.InvalidPduParameterValue, ex.Reason);
    }

    [Fact]
    public void UnknownUserInformationSubItemsAreSkipped()
    {
        var rq = PduFixtureTests.AssociateRq;
        var bytes = PduEncoder.Encode(rq).ToList();
        // Append an unknown sub-item 5FH with 3 bytes to the user information (the last item) and fix both lengths.
        bytes.AddRange(Hex.Parse("5F 00 0003 010203"));
        var array = bytes.ToArray();
        Patch16(array, array.Length - 7 - 23 - 2, 23 + 7);
        Patch32(array, 2, (uint)(array.Length - 6));
        var decoded = (AAssociateRq)PduDecoder.Decode(array);
        Assert.Equal(16384u, decoded.UserInformation.MaximumLength);
        Assert.Equal("T1", decoded.UserInformation.ImplementationVersionName);
    }

    [Fact]
    public void AcceptedPresentationContextInsideAnRqIsUnexpected()
    {
        var ac = new AAssociateAc
        {
            CalledAETitle = "A",
            CallingAETitle = "B",
            PresentationContexts = [new PresentationContextAc(1, PresentationContextResult.Acceptance, "1.2")],
        };
        var bytes = PduEncoder.Encode(ac);
        bytes[0] = (byte)PduType.AAssociateRq;
        var ex = Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(bytes));
        Assert.Equal(AbortReason.UnexpectedPduParameter, ex.Reason);
    }

    [Fact]
    public void MissingApplicationContextIsInvalid()
    {
        var bytes = Hex.Parse("""
            01 00 00000044 0001 0000
            "A               " "B               "
            00000000000000000000000000000000 00000000000000000000000000000000
            """);
        Assert.Throws<PduDecodeException>(() => PduDecoder.Decode(bytes));
    }

    [Fact]
    public void EncoderRejectsWhatItCannotSendConformantly()
    {
        Assert.Throws<ArgumentException>(() => PduEncoder.Encode(PduFixtureTests.AssociateRq with { CalledAETitle = "SEVENTEEN-CHARS-X" }));
        Assert.Throws<ArgumentException>(() => PduEncoder.Encode(PduFixtureTests.AssociateRq with { CalledAETitle = "BACK\\SLASH" }));
        Assert.Throws<ArgumentException>(() => PduEncoder.Encode(new PDataTf([])));
        Assert.Throws<ArgumentException>(() => PduEncoder.Encode(PduFixtureTests.AssociateRq with { PresentationContexts = [new PresentationContextRq(1, "1.2", [])] }));
    }

    private static void Patch16(byte[] bytes, int offset, int value)
    {
        bytes[offset] = (byte)(value >> 8);
        bytes[offset + 1] = (byte)value;
    }

    private static void Patch32(byte[] bytes, int offset, uint value)
    {
        bytes[offset] = (byte)(value >> 24);
        bytes[offset + 1] = (byte)(value >> 16);
        bytes[offset + 2] = (byte)(value >> 8);
        bytes[offset + 3] = (byte)value;
    }
}
