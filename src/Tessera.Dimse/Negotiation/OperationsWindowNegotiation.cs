using Tessera.Dimse.Association;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Negotiation;

/// <summary>
/// Asynchronous operations window negotiation (PS3.7 D.3.3.3). Both fields of the 53H item count from the requestor's side,
/// in the A-ASSOCIATE-RQ and the A-ASSOCIATE-AC alike: Maximum-number-operations-invoked is how many operations the
/// requestor may have outstanding; Maximum-number-operations-performed is how many the acceptor may have outstanding on the
/// requestor (sub-operations such as the C-STOREs of a C-GET, notifications). The acceptor answers each at most what was
/// proposed; 0 is unlimited; no item is 1 and 1, the synchronous mode every AE supports.
/// </summary>
public static class OperationsWindowNegotiation
{
    /// <summary>The requestor's item: none when it asks for the synchronous default (some peers mishandle the item).</summary>
    public static AsynchronousOperationsWindow? Propose(int maxOperationsInvoked, int maxOperationsPerformed) =>
        maxOperationsInvoked == 1 && maxOperationsPerformed == 1
            ? null
            : new AsynchronousOperationsWindow(checked((ushort)maxOperationsInvoked), checked((ushort)maxOperationsPerformed));

    /// <summary>
    /// The acceptor's item: none when none was proposed (PS3.7 D.3.3.3 requires it omitted then), else each window limited to
    /// what this side performs (the requestor's invocations) and invokes (its own on the requestor).
    /// </summary>
    public static AsynchronousOperationsWindow? Answer(AsynchronousOperationsWindow? proposed, int maxOperationsInvoked, int maxOperationsPerformed) =>
        proposed is null
            ? null
            : new AsynchronousOperationsWindow(Limit(proposed.MaximumOperationsInvoked, maxOperationsPerformed), Limit(proposed.MaximumOperationsPerformed, maxOperationsInvoked));

    /// <summary>
    /// The windows this side keeps once the association is established, from the acceptor's item (<paramref name="answered"/>;
    /// null: 1 and 1), never beyond this side's own limits (an acceptor that answers more than was proposed gets no more).
    /// </summary>
    public static OperationsWindow Agreed(AssociationRole role, AsynchronousOperationsWindow? answered, int maxOperationsInvoked, int maxOperationsPerformed)
    {
        if (answered is null)
        {
            return OperationsWindow.Synchronous;
        }

        return role == AssociationRole.Requestor
            ? new OperationsWindow(Limit(answered.MaximumOperationsInvoked, maxOperationsInvoked), Limit(answered.MaximumOperationsPerformed, maxOperationsPerformed))
            : new OperationsWindow(Limit(answered.MaximumOperationsPerformed, maxOperationsInvoked), Limit(answered.MaximumOperationsInvoked, maxOperationsPerformed));
    }

    /// <summary>The peer's number (0: unlimited) limited to this side's own, which is never unlimited.</summary>
    private static ushort Limit(ushort peer, int own) => (ushort)(peer == 0 ? own : Math.Min(peer, own));
}

/// <summary>
/// The agreed windows of one side of an association: how many operations it may have outstanding on its peer
/// (<see cref="Invoked"/>), and how many of the peer's it performs at once (<see cref="Performed"/>).
/// </summary>
public readonly record struct OperationsWindow(int Invoked, int Performed)
{
    /// <summary>PS3.7 D.3.3.3's default: one operation at a time each way.</summary>
    public static OperationsWindow Synchronous { get; } = new(1, 1);
}
