using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Archive.Ingest;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;

namespace Tessera.Archive.Dimse;

/// <summary>
/// Storage SCP (PS3.4 B): each C-STORE data set streams into the one ingest pipeline (STYLE 8) in the
/// presentation context's transfer syntax, checked against the command's Affected SOP Class/Instance UIDs;
/// the response is sent only once the instance is durable (STYLE 9).
/// </summary>
public sealed class ArchiveStoreHandler(IngestService ingest, ILogger<ArchiveStoreHandler>? logger = null) : IStoreHandler
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var calling = context.Association.CallingAETitle;
        var request = IngestRequest.Dataset(dataSet, DicomTransferSyntax.Lookup(context.PresentationContext.TransferSyntax)) with
        {
            SourceApplicationEntityTitle = calling,
            ExpectedSopClassUid = context.Command.AffectedSOPClassUID,
            ExpectedSopInstanceUid = context.Command.AffectedSOPInstanceUID,
            Description = $"C-STORE from {calling}",
        };
        var result = await ingest.IngestAsync(request, cancellationToken).ConfigureAwait(false);
        var status = ArchiveDimseStatuses.ForStore(result);
        if (result.IsSuccess)
        {
            return status;
        }

        // The reason goes to the sender as Error Comment (PS3.7 Table 9.3-2) and to the log.
        var comment = ArchiveDimseStatuses.ErrorComment(result);
        ArchiveDimseLog.StoreFailed(_logger, calling, status.Code, comment);
        return new StoreResponse(status, comment);
    }
}
