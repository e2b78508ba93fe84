using Microsoft.Extensions.Logging;

namespace Tessera.Server.Control;

/// <summary>Log messages of the control channel; event ids 4100–4119.</summary>
internal static partial class ControlLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Control channel listening on {Path}")]
    public static partial void Listening(ILogger logger, string path);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Control channel: bad request refused: {Reason}")]
    public static partial void BadRequest(ILogger logger, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Import through the control channel: {Paths}, {Parallel} at a time")]
    public static partial void ImportStarted(ILogger logger, string paths, int parallel);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Import through the control channel ended: {Files} files, {Refused} refused or failed, {Skipped} skipped (not DICOM)")]
    public static partial void ImportEnded(ILogger logger, int files, int refused, int skipped);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Check through the control channel: {Versions} versions, {Missing} missing, {Corrupt} corrupt, {Orphans} orphaned")]
    public static partial void Checked(ILogger logger, long versions, int missing, int corrupt, int orphans);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Control channel: replaced the stale socket {Path} left by a run that did not stop cleanly")]
    public static partial void StaleReplaced(ILogger logger, string path);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Control channel unavailable ({Path}): {Reason}; import and check cannot go through this server")]
    public static partial void Unavailable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Control channel: a request failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "Control channel: the client left, {Command} cancelled")]
    public static partial void ClientLeft(ILogger logger, string command);
}
