using Tessera.Dicom;

namespace Tessera.Dimse.Services;

/// <summary>
/// C-MOVE SCP (PS3.4 C.4.2): names the instances an identifier selects. The engine resolves the Move Destination through
/// the server's <see cref="IApplicationEntityResolver"/> (unknown: A801H), opens an association to it, performs one C-STORE
/// sub-operation per instance with a Pending response after each, and sends the final status with the counts and, on
/// failures, the Failed SOP Instance UID List (0008,0058). The token fires on C-CANCEL-RQ or when the association ends.
/// </summary>
public interface IMoveHandler
{
    ValueTask<IReadOnlyList<DicomInstanceSource>> OnCMoveAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken);
}
