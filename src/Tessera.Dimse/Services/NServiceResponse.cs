using Tessera.Dicom;
using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Services;

/// <summary>The answer to an N-service request: status, an optional data set (attribute list, action or event reply), and for N-CREATE the instance UID the SCP chose.</summary>
public sealed record NServiceResponse(DimseStatus Status, DicomDataset? DataSet = null, string? AffectedSopInstanceUid = null);
