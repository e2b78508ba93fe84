using Tessera.Dicom;

namespace Tessera.Dimse.Services;

/// <summary>
/// Generic SCP of the DIMSE-N services (PS3.7 10): N-GET, N-SET, N-ACTION, N-CREATE, N-DELETE and N-EVENT-REPORT for the
/// SOP classes in <see cref="Network.DicomServerOptions.NServiceSopClasses"/>. The command (its field, requested/affected
/// SOP instance, action or event type, attribute list) is in <c>context.Command</c>; <paramref name="dataSet"/> is the
/// request's data set when it has one. A handler that throws is answered Processing Failure (0110H) with an Error Comment.
/// </summary>
public interface INServiceHandler
{
    ValueTask<NServiceResponse> OnNRequestAsync(DimseRequestContext context, DicomDataset? dataSet, CancellationToken cancellationToken);
}
