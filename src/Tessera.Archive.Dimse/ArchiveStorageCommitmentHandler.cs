using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;
using Tessera.Dimse.Services;

namespace Tessera.Archive.Dimse;

/// <summary>
/// Storage Commitment Push Model SCP (PS3.4 J): an instance is committed when the index holds it with the SOP class
/// the requester names and its blob is present with the SHA-256 recorded at ingest — the archive has it, intact.
/// Failure Reasons (PS3.4 J.3.3.1.1): 0112H no such object instance, 0119H class/instance conflict, 0110H
/// processing failure (blob missing or its content changed).
/// </summary>
public sealed class ArchiveStorageCommitmentHandler(IIndexStore index, IBlobStore blobs, ILogger<ArchiveStorageCommitmentHandler>? logger = null) : IStorageCommitmentHandler
{
    public const ushort NoSuchObjectInstance = 0x0112;
    public const ushort ClassInstanceConflict = 0x0119;
    public const ushort ProcessingFailure = 0x0110;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async ValueTask<StorageCommitmentResult> OnCommitRequestAsync(StorageCommitmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var committed = new List<ReferencedSop>();
        var failed = new List<StorageCommitmentFailure>();
        foreach (var sop in request.ReferencedSops)
        {
            var reason = await CheckAsync(sop, cancellationToken).ConfigureAwait(false);
            if (reason is { } failure)
            {
                failed.Add(new StorageCommitmentFailure(sop, failure));
            }
            else
            {
                committed.Add(sop);
            }
        }

        ArchiveDimseLog.Committed(_logger, request.TransactionUid, request.Association.CallingAETitle, committed.Count, failed.Count);
        return new StorageCommitmentResult(committed, failed);
    }

    private async Task<ushort?> CheckAsync(ReferencedSop sop, CancellationToken cancellationToken)
    {
        var stored = await index.FindInstanceAsync(sop.SopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return NoSuchObjectInstance;
        }

        if (!string.Equals(stored.SopClassUid, sop.SopClassUid, StringComparison.Ordinal))
        {
            return ClassInstanceConflict;
        }

        var location = stored.Location;
        if (location.StorageId != blobs.StorageId || !blobs.Exists(location.RelativePath))
        {
            return ProcessingFailure;
        }

        try
        {
            return await BlobChecksum.MatchesAsync(blobs, location, cancellationToken).ConfigureAwait(false) ? null : ProcessingFailure;
        }
        catch (IOException)
        {
            return ProcessingFailure;
        }
    }
}
