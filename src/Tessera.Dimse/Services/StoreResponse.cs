using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Services;

/// <summary>
/// The answer to a C-STORE (PS3.7 9.1.1.1.9, Table 9.3-2): its status and, for a failure or warning, an Error Comment
/// (0000,0902) saying why in words (LO: the engine keeps the first 64 characters, PS3.5 Table 6.2-1).
/// </summary>
public sealed record StoreResponse(DimseStatus Status, string? ErrorComment = null)
{
    public static implicit operator StoreResponse(DimseStatus status) => new(status);

    public static StoreResponse FromDimseStatus(DimseStatus status) => new(status);
}
