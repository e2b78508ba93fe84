namespace Tessera.Archive;

/// <summary>
/// One entry of the archive's status catalogue (STYLE 10): what went wrong, said once, with what
/// each protocol answers. Only the DIMSE service layer and the DICOMweb middleware translate it.
/// </summary>
/// <param name="Code">Stable identifier for logs, metrics and documentation (never renumbered).</param>
/// <param name="DimseStatus">The C-STORE/C-FIND/C-MOVE status (PS3.4 B.2.3, C.4.1.1.4; PS3.7 C).</param>
/// <param name="HttpStatus">The DICOMweb response status (PS3.18 10.5.3 for STOW-RS).</param>
/// <param name="Message">Human-readable text, used as the DIMSE Error Comment (at most 64 characters, LO).</param>
/// <param name="Retryable">Whether sending the same request again later may succeed.</param>
public sealed record ArchiveStatus(string Code, ushort DimseStatus, int HttpStatus, string Message, bool Retryable)
{
    public override string ToString() => $"{Code} (0x{DimseStatus:X4}, HTTP {HttpStatus}): {Message}";
}
