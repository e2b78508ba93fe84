using Microsoft.Extensions.Logging;

namespace Tessera.Blobs.FileSystem;

/// <summary>File store log events (STYLE 14: stable event ids, 1200–1299).</summary>
internal static partial class BlobStoreLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "The commit journal cannot take commits ({Reason}): small files are committed by fsync until it can")]
    public static partial void JournalUnavailable(ILogger logger, string reason);
}
