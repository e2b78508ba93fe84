using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Network;

/// <summary>
/// The outcome of a C-FIND, C-MOVE or C-GET as its final response reported it: status and Error Comment (0000,0902),
/// the number of matches received (C-FIND), sub-operation counts and Failed SOP Instance UID List (0008,0058) (C-MOVE, C-GET).
/// </summary>
public sealed record DimseResult(DimseStatus Status, string? ErrorComment = null)
{
    public int Matches { get; init; }

    public SubOperationCounts Counts { get; init; }

    public IReadOnlyList<string> FailedSopInstanceUids { get; init; } = [];

    /// <summary>The caller's token fired and a C-CANCEL-RQ was sent (the status is then normally Cancel, FE00H).</summary>
    public bool CancelRequested { get; init; }
}
