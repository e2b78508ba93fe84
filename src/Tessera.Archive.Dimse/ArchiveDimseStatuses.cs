using Tessera.Archive.Ingest;
using Tessera.Dimse.Messages;

namespace Tessera.Archive.Dimse;

/// <summary>
/// The one DIMSE translation of archive outcomes (STYLE 10): each <see cref="ArchiveStatus"/> carries its
/// DIMSE status; this maps an <see cref="IngestResult"/> to the C-STORE response status (PS3.4 B.2.3).
/// </summary>
public static class ArchiveDimseStatuses
{
    /// <summary>
    /// Stored, identical duplicate, new version and overwrite are Success: the instance is safely stored, which is
    /// what a sender needs to know (PS3.4 B.2.3). Failures carry their catalogue status (A700H disk full, A9xxH
    /// data set errors, Cxxx cannot understand, 0111H duplicate refused by policy).
    /// </summary>
    public static DimseStatus ForStore(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsSuccess)
        {
            return DimseStatus.Success;
        }

        return new DimseStatus((result.Status ?? ArchiveStatuses.InternalError).DimseStatus);
    }

    /// <summary>The Error Comment (0000,0902, LO: at most 64 characters) for a failed ingest.</summary>
    public static string ErrorComment(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Detail is null ? result.Status?.Message ?? "Failed" : $"{result.Status?.Message}: {result.Detail}";
        return text.Length <= 64 ? text : text[..64];
    }
}
