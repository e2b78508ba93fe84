using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Negotiation;

/// <summary>SOP Class Extended Negotiation (PS3.7 D.3.3.5) as Query/Retrieve defines it (PS3.4 C.5.1.1): one flag per byte.</summary>
public sealed class ExtendedNegotiationTests
{
    private const string Find = "1.2.840.10008.5.1.4.1.2.2.1";
    private const string Implicit = DimseUids.ImplicitVRLittleEndian;

    private static AAssociateRq Rq(params SopClassExtendedNegotiation[] items) => new()
    {
        CalledAETitle = "SCP",
        CallingAETitle = "SCU",
        PresentationContexts = [new PresentationContextRq(1, Find, [Implicit])],
        UserInformation = new UserInformation { ExtendedNegotiations = items },
    };

    [Theory]
    [InlineData(new byte[] { 1, 1 }, new byte[] { 0, 1 })] // relational queries refused, combined date-time agreed
    [InlineData(new byte[] { 0, 1, 1 }, new byte[] { 0, 1, 0 })] // a flag the acceptor does not know is answered 0
    [InlineData(new byte[] { 1 }, new byte[] { 0 })] // no longer than proposed: byte 2 not sent means not used
    public void EachFlagIsSetOnlyWhenBothSidesSetIt(byte[] proposed, byte[] agreed)
    {
        var negotiator = new PresentationContextNegotiator([new SupportedAbstractSyntax(Find, [Implicit], ExtendedNegotiation: new byte[] { 0, 1 })]);

        var result = negotiator.Negotiate(Rq(new SopClassExtendedNegotiation(Find, proposed)));

        var reply = Assert.Single(result.ExtendedNegotiations!);
        Assert.Equal(Find, reply.SopClassUid);
        Assert.Equal(agreed, reply.ServiceClassApplicationInformation.ToArray());
        Assert.Equal(agreed, Assert.Single(result.Accepted).ExtendedNegotiation.ToArray());
    }

    [Fact]
    public void NoReplyWhenTheAcceptorHasNoFlagsOrNothingWasProposed()
    {
        var plain = new PresentationContextNegotiator([new SupportedAbstractSyntax(Find, [Implicit])]);
        var flagged = new PresentationContextNegotiator([new SupportedAbstractSyntax(Find, [Implicit], ExtendedNegotiation: new byte[] { 0, 1 })]);

        Assert.Empty(plain.Negotiate(Rq(new SopClassExtendedNegotiation(Find, new byte[] { 1, 1 }))).ExtendedNegotiations!);
        Assert.Empty(flagged.Negotiate(Rq()).ExtendedNegotiations!);
        Assert.True(flagged.Negotiate(Rq()).Accepted.Single().ExtendedNegotiation.IsEmpty);
    }

    [Fact]
    public void TheRequestorReadsTheReplyIntoTheAcceptedContext()
    {
        var rq = Rq(new SopClassExtendedNegotiation(Find, new byte[] { 1, 1 }));
        var ac = new AAssociateAc
        {
            CalledAETitle = "SCP",
            CallingAETitle = "SCU",
            PresentationContexts = [new PresentationContextAc(1, PresentationContextResult.Acceptance, Implicit)],
            UserInformation = new UserInformation { ExtendedNegotiations = [new SopClassExtendedNegotiation(Find, new byte[] { 0, 1 })] },
        };

        var accepted = Assert.Single(PresentationContextNegotiator.ReadAccept(rq, ac));

        Assert.Equal(new byte[] { 0, 1 }, accepted.ExtendedNegotiation.ToArray());
    }
}
