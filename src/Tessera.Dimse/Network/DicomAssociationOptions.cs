using Tessera.Dimse.PData;

namespace Tessera.Dimse.Network;

/// <summary>Limits and timeouts of one association, either side.</summary>
public sealed record DicomAssociationOptions
{
    /// <summary>The Maximum Length we announce (51H) and therefore accept for P-DATA-TF PDUs.</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>The largest association-phase PDU accepted (A-ASSOCIATE-RQ/AC can exceed a small P-DATA maximum).</summary>
    public uint MaxAssociatePduLength { get; init; } = 256 * 1024;

    /// <summary>The largest PDU body the receive side accepts, in any phase.</summary>
    internal uint MaxReceivedPduLength => Math.Max(MaxPduLength, MaxAssociatePduLength);

    /// <summary>ARTIM timer (PS3.8 9.1.5): time allowed for an A-ASSOCIATE-RQ after connect, and for the peer to close after release or abort.</summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for the next PDU while a message is in progress, and for a response to a request.</summary>
    public TimeSpan DimseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An established association with no PDU for this long is aborted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Operations this side may have outstanding on its peer at once (asynchronous operations window, PS3.7 D.3.3.3), as far
    /// as the peer agrees; 1–65535. A requestor proposes it; an acceptor invokes (C-GET's C-STOREs, N-EVENT-REPORTs) at most
    /// as many as the requestor performs.
    /// </summary>
    public int MaxOperationsInvoked { get; init => field = CheckWindow(value); } = 1;

    /// <summary>
    /// The peer's operations this side performs at once (asynchronous operations window, PS3.7 D.3.3.3), as far as the peer
    /// asks; 1–65535. An operation beyond it is refused (0213H Resource limitation), not queued.
    /// </summary>
    public int MaxOperationsPerformed { get; init => field = CheckWindow(value); } = 1;

    public string ImplementationClassUid { get; init; } = DimseUids.TesseraImplementationClassUid;

    public string ImplementationVersionName { get; init; } = DimseUids.TesseraImplementationVersionName;

    public DimseMessageAssemblerOptions Assembly { get; init; } = new();

    private static int CheckWindow(int value) =>
        value is >= 1 and <= ushort.MaxValue ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "An operations window is 1-65535 (0, unlimited, is only ever the peer's)");
}
