using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Network;

/// <summary>The acceptor answered the A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ.</summary>
public sealed class DicomAssociationRejectedException : Exception
{
    public DicomAssociationRejectedException()
    {
    }

    public DicomAssociationRejectedException(string message)
        : base(message)
    {
    }

    public DicomAssociationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DicomAssociationRejectedException(AAssociateRj reject)
        : base($"Association rejected: {reject.Result}, source {reject.Source}, reason {reject.Reason}") => Reject = reject;

    public AAssociateRj? Reject { get; }
}
