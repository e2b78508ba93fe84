using Tessera.Dicom;

namespace Tessera.Dimse.Services;

/// <summary>
/// C-FIND SCP (PS3.4 C.4.1, K): yields the matches for an identifier; the SOP class (information model) is
/// <c>context.PresentationContext.AbstractSyntax</c>, the level the identifier's Query/Retrieve Level (0008,0052). The engine
/// sends each match as a Pending (FF00H) response and the final status; <paramref name="cancellationToken"/> fires on a
/// C-CANCEL-RQ (the engine then answers Cancel, FE00H) or when the association ends. A handler that throws is answered
/// Unable to Process (C000H) with the exception's message as Error Comment.
/// </summary>
public interface IFindHandler
{
    IAsyncEnumerable<DicomDataset> OnCFindAsync(DimseRequestContext context, DicomDataset identifier, CancellationToken cancellationToken);

    /// <summary>
    /// False when the identifier has optional keys this handler does not match on: the matches then go as Pending with
    /// Warning (FF01H, PS3.4 Table C.4-1) instead of Pending (FF00H).
    /// </summary>
    bool SupportsOptionalKeys(DimseRequestContext context, DicomDataset identifier) => true;

    /// <summary>
    /// The SOP Class Extended Negotiation flags this SCP supports for its Find SOP classes (PS3.4 C.5.1.1: byte 1
    /// relational queries, byte 2 combined date-time matching, ...), 1 where supported; empty: none. The request
    /// sees what was agreed in <c>context.PresentationContext.ExtendedNegotiation</c>.
    /// </summary>
    ReadOnlyMemory<byte> ExtendedNegotiation => ReadOnlyMemory<byte>.Empty;
}
