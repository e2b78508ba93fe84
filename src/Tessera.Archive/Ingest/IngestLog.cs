using Microsoft.Extensions.Logging;

namespace Tessera.Archive.Ingest;

/// <summary>Ingest log events (STYLE 14: stable event ids, 1000–1099).</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Instance {SopInstanceUid} arrived with different content: stored as version {Version}, previous versions kept")]
    public static partial void NewVersion(ILogger logger, string sopInstanceUid, int version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Instance {SopInstanceUid} overwritten with different content (version {Version}); previous blob {PreviousPath} deleted")]
    public static partial void Overwritten(ILogger logger, string sopInstanceUid, int version, string previousPath);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Instance {SopInstanceUid} with different content rejected by the duplicate policy")]
    public static partial void DuplicateRejected(ILogger logger, string sopInstanceUid);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Ingest of {Input} failed: {Code} {Detail}")]
    public static partial void Failed(ILogger logger, string input, string code, string? detail);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Ingest of {Input} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string input, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "{Input}: {Deviation}")]
    public static partial void Deviation(ILogger logger, string input, string deviation);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Could not delete blob {Path} after a failed ingest; the consistency check will report it as an orphan")]
    public static partial void CleanupFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Blob {Path}, stored before a crash without an index row, could not be indexed again ({Detail}); left for the consistency check")]
    public static partial void NotRecovered(ILogger logger, string path, string? detail);
}
