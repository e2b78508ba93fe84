using Tessera.Dimse.Association;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Negotiation;

/// <summary>PS3.7 D.3.3.3: what each side proposes, answers and then keeps; both fields count from the requestor's side.</summary>
public sealed class OperationsWindowNegotiationTests
{
    [Fact]
    public void TheSynchronousDefaultIsNotProposed() =>
        Assert.Null(OperationsWindowNegotiation.Propose(1, 1));

    [Fact]
    public void AnythingElseIsProposedAsItIs() =>
        Assert.Equal(new AsynchronousOperationsWindow(8, 1), OperationsWindowNegotiation.Propose(8, 1));

    [Fact]
    public void NoProposalIsNoAnswer() =>
        Assert.Null(OperationsWindowNegotiation.Answer(null, 16, 16));

    [Fact]
    public void TheAnswerLimitsTheRequestorsInvocationsToWhatTheAcceptorPerformsAndItsOwnToWhatTheRequestorPerforms()
    {
        // The requestor may invoke 8 and performs 3; the acceptor performs 4 and invokes 1.
        Assert.Equal(new AsynchronousOperationsWindow(4, 1), OperationsWindowNegotiation.Answer(new AsynchronousOperationsWindow(8, 3), maxOperationsInvoked: 1, maxOperationsPerformed: 4));

        // The acceptor invokes up to 5 but the requestor performs 3: 3.
        Assert.Equal(new AsynchronousOperationsWindow(2, 3), OperationsWindowNegotiation.Answer(new AsynchronousOperationsWindow(2, 3), maxOperationsInvoked: 5, maxOperationsPerformed: 4));
    }

    [Fact]
    public void AnUnlimitedProposalIsAnsweredWithTheAcceptorsOwnLimits() =>
        Assert.Equal(new AsynchronousOperationsWindow(16, 2), OperationsWindowNegotiation.Answer(new AsynchronousOperationsWindow(0, 0), maxOperationsInvoked: 2, maxOperationsPerformed: 16));

    [Fact]
    public void WithoutAnAnsweredItemBothSidesAreSynchronous()
    {
        Assert.Equal(OperationsWindow.Synchronous, OperationsWindowNegotiation.Agreed(AssociationRole.Requestor, null, 8, 8));
        Assert.Equal(OperationsWindow.Synchronous, OperationsWindowNegotiation.Agreed(AssociationRole.Acceptor, null, 8, 8));
    }

    [Fact]
    public void EachSideReadsTheAnswerFromItsOwnSide()
    {
        var answered = new AsynchronousOperationsWindow(4, 2);

        // The requestor invokes 4 and performs 2; the acceptor performs the requestor's 4 and invokes 2.
        Assert.Equal(new OperationsWindow(4, 2), OperationsWindowNegotiation.Agreed(AssociationRole.Requestor, answered, 8, 8));
        Assert.Equal(new OperationsWindow(2, 4), OperationsWindowNegotiation.Agreed(AssociationRole.Acceptor, answered, 8, 8));
    }

    [Fact]
    public void AnAcceptorThatAnswersMoreThanWasProposedGetsNoMore() =>
        Assert.Equal(new OperationsWindow(4, 1), OperationsWindowNegotiation.Agreed(AssociationRole.Requestor, new AsynchronousOperationsWindow(0, 9), 4, 1));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void AWindowOfTheOptionsIsOneTo65535(int window)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tessera.Dimse.Network.DicomAssociationOptions { MaxOperationsInvoked = window });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tessera.Dimse.Network.DicomAssociationOptions { MaxOperationsPerformed = window });
    }
}
