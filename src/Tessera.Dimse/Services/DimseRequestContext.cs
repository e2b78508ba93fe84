using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;

namespace Tessera.Dimse.Services;

/// <summary>What a handler knows about one request: the association, the presentation context it came on (with its transfer syntax) and the command.</summary>
public sealed record DimseRequestContext(AssociationInfo Association, AcceptedPresentationContext PresentationContext, DimseCommand Command);
