namespace Tessera.Dimse.Pdus;

/// <summary>Result field of A-ASSOCIATE-RJ (PS3.8 Table 9-21).</summary>
public enum AssociateRejectResult : byte
{
    RejectedPermanent = 1,
    RejectedTransient = 2,
}
