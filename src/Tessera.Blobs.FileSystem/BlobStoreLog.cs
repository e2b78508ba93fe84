using Microsoft.Extensions.Logging;

namespace Tessera.Blobs.FileSystem;

/// <summary>File store log events (STYLE 14: stable event ids, 1200–1299).</summary>
internal static partial class BlobStoreLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A small file could not be committed through the commit journal ({Reason}): small files are committed by fsync until the journal takes them again")]
    public static partial void JournalUnavailable(ILogger logger, string reason);
}
