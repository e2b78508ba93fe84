using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Negotiation;

public sealed class PresentationContextNegotiatorTests
{
    private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";
    private const string JpegLossless = "1.2.840.10008.1.2.4.70";
    private const string Explicit = DimseUids.ExplicitVRLittleEndian;
    private const string Implicit = DimseUids.ImplicitVRLittleEndian;

    private static readonly PresentationContextNegotiator Negotiator = new(
    [
        new SupportedAbstractSyntax(DimseUids.Verification, [Implicit]),
        new SupportedAbstractSyntax(CtImage, [JpegLossless, Explicit, Implicit], RequestorMayBeScu: true, RequestorMayBeScp: true),
    ]);

    private static AAssociateRq Rq(params PresentationContextRq[] contexts) =>
        new() { CalledAETitle = "SCP", CallingAETitle = "SCU", PresentationContexts = contexts };

    [Fact]
    public void AcceptorPreferenceWinsOverRequestorOrder()
    {
        var result = Negotiator.Negotiate(Rq(new PresentationContextRq(1, CtImage, [Implicit, Explicit, JpegLossless])));
        var ac = Assert.Single(result.PresentationContexts);
        Assert.Equal(PresentationContextResult.Acceptance, ac.Result);
        Assert.Equal(JpegLossless, ac.TransferSyntax);
    }

    [Fact]
    public void SecondPreferenceWhenFirstNotProposed()
    {
        var result = Negotiator.Negotiate(Rq(new PresentationContextRq(1, CtImage, [Implicit, Explicit])));
        Assert.Equal(Explicit, result.PresentationContexts[0].TransferSyntax);
    }

    /// <summary>
    /// A context where the requestor is only SCP (a C-GET's C-STOREs) carries what it receives: its order decides, not the
    /// acceptor's. Regression: a CT store context preferring Deflated made every C-GET sub-operation to `tessera get` (which
    /// lists Explicit VR Little Endian first) a compression, 12 ms of CPU per 512x512 slice.
    /// </summary>
    [Fact]
    public void WhereOnlyTheRequestorStoresItsOrderDecides()
    {
        const string deflated = "1.2.840.10008.1.2.1.99";
        var negotiator = new PresentationContextNegotiator([new SupportedAbstractSyntax(CtImage, [deflated, JpegLossless, Implicit, Explicit], RequestorMayBeScu: true, RequestorMayBeScp: true)]);
        var getContext = Rq(new PresentationContextRq(1, CtImage, [Explicit, deflated, JpegLossless, Implicit])) with
        {
            UserInformation = new UserInformation { RoleSelections = [new RoleSelection(CtImage, false, true)] },
        };
        var storeContext = Rq(new PresentationContextRq(1, CtImage, [Explicit, deflated, JpegLossless, Implicit]));

        Assert.Equal(Explicit, Assert.Single(negotiator.Negotiate(getContext).Accepted).TransferSyntax);
        Assert.Equal(deflated, Assert.Single(negotiator.Negotiate(storeContext).Accepted).TransferSyntax);
        Assert.Equal(JpegLossless, Assert.Single(negotiator.Negotiate(getContext with
        {
            PresentationContexts = [new PresentationContextRq(1, CtImage, ["1.2.3.4", JpegLossless, Explicit])],
        }).Accepted).TransferSyntax);
    }

    [Fact]
    public void ResultsFollowTable918()
    {
        var result = Negotiator.Negotiate(Rq(
            new PresentationContextRq(1, DimseUids.Verification, [Implicit]),
            new PresentationContextRq(3, "1.2.3.4", [Implicit]),
            new PresentationContextRq(5, DimseUids.Verification, ["1.2.840.10008.1.2.2"]),
            new PresentationContextRq(5, DimseUids.Verification, [Implicit])));
        Assert.Equal(
            [PresentationContextResult.Acceptance, PresentationContextResult.AbstractSyntaxNotSupported, PresentationContextResult.TransferSyntaxesNotSupported, PresentationContextResult.NoReason],
            result.PresentationContexts.Select(p => p.Result));
        Assert.Equal([1, 3, 5, 5], result.PresentationContexts.Select(p => (int)p.Id));
        Assert.Single(result.Accepted);
    }

    [Fact]
    public void RoleSelectionGrantsOnlyProposedAndAllowedRoles()
    {
        var rq = Rq(new PresentationContextRq(1, CtImage, [Implicit])) with
        {
            UserInformation = new UserInformation { RoleSelections = [new RoleSelection(CtImage, false, true)] },
        };
        var result = Negotiator.Negotiate(rq);
        Assert.Equal(new RoleSelection(CtImage, false, true), Assert.Single(result.RoleSelections));
        var accepted = Assert.Single(result.Accepted);
        Assert.False(accepted.RequestorIsScu);
        Assert.True(accepted.RequestorIsScp);
    }

    [Fact]
    public void RoleSelectionThatLeavesNoRoleIsAUserRejection()
    {
        var rq = Rq(new PresentationContextRq(1, DimseUids.Verification, [Implicit])) with
        {
            UserInformation = new UserInformation { RoleSelections = [new RoleSelection(DimseUids.Verification, false, true)] },
        };
        var result = Negotiator.Negotiate(rq);
        Assert.Equal(PresentationContextResult.UserRejection, result.PresentationContexts[0].Result);
        Assert.Equal(new RoleSelection(DimseUids.Verification, false, false), Assert.Single(result.RoleSelections));
    }

    [Fact]
    public void WithoutRoleSelectionDefaultRolesApply()
    {
        var accepted = Assert.Single(Negotiator.Negotiate(Rq(new PresentationContextRq(1, CtImage, [Implicit]))).Accepted);
        Assert.True(accepted.RequestorIsScu);
        Assert.False(accepted.RequestorIsScp);
    }

    [Fact]
    public void RequestorReadsTheAcceptWithRoles()
    {
        var rq = Rq(new PresentationContextRq(1, CtImage, [Implicit]), new PresentationContextRq(3, "1.2.3", [Implicit])) with
        {
            UserInformation = new UserInformation { RoleSelections = [new RoleSelection(CtImage, true, true)] },
        };
        var result = Negotiator.Negotiate(rq);
        var ac = new AAssociateAc
        {
            CalledAETitle = "SCP",
            CallingAETitle = "SCU",
            PresentationContexts = result.PresentationContexts,
            UserInformation = new UserInformation { RoleSelections = result.RoleSelections },
        };
        var accepted = Assert.Single(PresentationContextNegotiator.ReadAccept(rq, ac));
        Assert.Equal((byte)1, accepted.Id);
        Assert.True(accepted.RequestorIsScu);
        Assert.True(accepted.RequestorIsScp);
    }
}
