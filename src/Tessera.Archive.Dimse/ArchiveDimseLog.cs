using Microsoft.Extensions.Logging;

namespace Tessera.Archive.Dimse;

/// <summary>Log messages of the archive SCPs; event ids 3000–3099.</summary>
internal static partial class ArchiveDimseLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "C-STORE from {CallingAE} refused with {Status:X4}: {Comment}")]
    public static partial void StoreFailed(ILogger logger, string callingAE, ushort status, string comment);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "C-FIND from {CallingAE} refused: {Reason}")]
    public static partial void FindRefused(ILogger logger, string callingAE, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Retrieve from {CallingAE} refused: {Reason}")]
    public static partial void RetrieveRefused(ILogger logger, string callingAE, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Storage commitment {TransactionUid} from {CallingAE}: {Committed} committed, {Failed} failed")]
    public static partial void Committed(ILogger logger, string transactionUid, string callingAE, int committed, int failed);
}
