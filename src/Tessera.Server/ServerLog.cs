using Microsoft.Extensions.Logging;

namespace Tessera.Server;

/// <summary>Log messages of the server host; event ids 4000–4099.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Tessera ready: DICOM {AETitle}@{Listeners}, data {Data}")]
    public static partial void Ready(ILogger logger, string aeTitle, string listeners, string data);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Removed {Count} temporary files left by an interrupted run")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Tessera stopping: waiting up to {GracePeriod} for {Associations} associations")]
    public static partial void Stopping(ILogger logger, TimeSpan gracePeriod, int associations);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Tessera stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Association rejected: calling AE title {CallingAETitle} from {RemoteEndPoint} (called {CalledAETitle}) is not in Tessera:Dicom:AllowedCallingAETitles")]
    public static partial void CallingAETitleRejected(ILogger logger, string callingAETitle, string remoteEndPoint, string calledAETitle);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "DICOM listener on {Address} (not loopback) accepts any calling AE title (Tessera:Dicom:AllowAnyCallingAETitle): every host that reaches it may store, query and retrieve")]
    public static partial void AnyCallingAETitle(ILogger logger, string address);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "The last run did not stop cleanly: of {Examined} files stored since its last recovery point, {Indexed} had lost their index rows and were indexed again, {Deleted} were duplicates or never accepted and were deleted, {Left} could not be read and were left; `tessera check` verifies the whole archive")]
    public static partial void RecoveredAfterCrash(ILogger logger, int examined, int indexed, int deleted, int left);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Could not make the index durable and move the recovery point; a recovery after a crash would look further back")]
    public static partial void RecoveryPointFailed(ILogger logger, Exception exception);
}
