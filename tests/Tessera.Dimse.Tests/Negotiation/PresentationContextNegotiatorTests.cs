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

    /// <summary>
    /// An archive takes what scanners send: a private SOP class (Siemens CSA Non-Image) and one of a later edition under the
    /// storage branch go to the fallback, in the roles it gives; a listed non-storage class and a malformed UID do not.
    /// </summary>
    [Fact]
    public void AnUnlistedAbstractSyntaxIsAcceptedAsTheFallbackSays()
    {
        const string csaNonImage = "1.3.12.2.1107.5.9.1";
        const string laterEdition = "1.2.840.10008.5.1.4.1.1.9999.1";
        const string modalityWorklist = "1.2.840.10008.5.1.4.31";
        var negotiator = new PresentationContextNegotiator(
            [new SupportedAbstractSyntax(CtImage, [Explicit])],
            uid => DicomPresentationContexts.IsUnlistedStorageSopClass(uid) ? new SupportedAbstractSyntax(uid, [Explicit], RequestorMayBeScp: true) : null);
        var request = Rq(
            new PresentationContextRq(1, csaNonImage, [Implicit, Explicit]),
            new PresentationContextRq(3, laterEdition, [Explicit]),
            new PresentationContextRq(5, modalityWorklist, [Explicit]),
            new PresentationContextRq(7, "1.2.03.4", [Explicit])) with
        {
            UserInformation = new UserInformation { RoleSelections = [new RoleSelection(laterEdition, false, true)] },
        };

        var result = negotiator.Negotiate(request);

        Assert.Equal(
            [PresentationContextResult.Acceptance, PresentationContextResult.Acceptance, PresentationContextResult.AbstractSyntaxNotSupported, PresentationContextResult.AbstractSyntaxNotSupported],
            result.PresentationContexts.Select(c => c.Result));
        Assert.Equal([(csaNonImage, true, false), (laterEdition, false, true)], result.Accepted.Select(c => (c.AbstractSyntax, c.RequestorIsScu, c.RequestorIsScp)));
        Assert.Equal(PresentationContextResult.AbstractSyntaxNotSupported, Negotiator.Negotiate(Rq(new PresentationContextRq(1, csaNonImage, [Explicit]))).PresentationContexts[0].Result);
    }

    [Theory]
    [InlineData("1.3.12.2.1107.5.9.1", true)] // Siemens CSA Non-Image
    [InlineData("1.2.840.113619.4.30", true)] // GE private
    [InlineData("1.2.840.10008.5.1.4.1.1.9999.1", true)] // a later edition's storage class
    [InlineData("1.2.840.10008.5.1.4.1.1.2", false)] // CT Image Storage: listed
    [InlineData("1.2.840.10008.5.1.4.1.1.6", false)] // retired Ultrasound Image Storage: listed
    [InlineData("1.2.840.10008.5.1.4.31", false)] // Modality Worklist FIND: listed, not storage
    [InlineData("1.2.840.10008.5.1.4.1.2.99", false)] // under the DICOM root, outside the storage branch
    [InlineData("1.2.840.10008.1.2.1", false)] // a transfer syntax
    [InlineData("1.2.3.04", false)] // not a UID (leading zero)
    [InlineData("", false)]
    public void WhatIsTakenForAnUnlistedStorageSopClass(string uid, bool expected) =>
        Assert.Equal(expected, DicomPresentationContexts.IsUnlistedStorageSopClass(uid));
}
