using Tessera.Dicom;

namespace Tessera.Dimse.Services;

/// <summary>
/// C-GET SCP (PS3.4 C.4.3): names the instances an identifier selects; the engine sends them as C-STORE sub-operations on
/// the same association, on the storage contexts where the requestor took the SCP role, with Pending responses and a final
/// status as for C-MOVE. An instance whose SOP class has no such context is a failed sub-operation.
/// </summary>
public interface IGetHandler
{
    ValueTask<IReadOnlyList<DicomInstanceSource>> OnCGetAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken);
}
