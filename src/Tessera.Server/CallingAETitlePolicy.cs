using System.Net;
using Microsoft.Extensions.Logging;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;

namespace Tessera.Server;

/// <summary>
/// The allow-list of <c>Tessera:Dicom:AllowedCallingAETitles</c>: an association from any other calling AE title (or
/// from an allowed title at another address than its entry names) is rejected permanently by the service user with
/// "calling-AE-title-not-recognized" (PS3.8 9.3.4, Table 9-21: result 1, source 1, reason 3), and logged.
/// </summary>
public sealed class CallingAETitlePolicy(IReadOnlyList<AllowedCaller> allowed, ILogger<CallingAETitlePolicy> logger) : IAssociationPolicy
{
    public AAssociateRj? Evaluate(AssociationInfo association)
    {
        ArgumentNullException.ThrowIfNull(association);
        var remote = (association.RemoteEndPoint as IPEndPoint)?.Address;
        foreach (var caller in allowed)
        {
            if (caller.Matches(association.CallingAETitle, remote))
            {
                return null;
            }
        }

        ServerLog.CallingAETitleRejected(logger, association.CallingAETitle, association.RemoteEndPoint?.ToString() ?? "?", association.CalledAETitle);
        return new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.CallingAETitleNotRecognized);
    }
}
