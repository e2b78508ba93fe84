namespace Tessera.Dimse.Pdus;

/// <summary>Source field of A-ASSOCIATE-RJ (PS3.8 Table 9-21); each source has its own reasons (<see cref="AssociateRejectReason"/>).</summary>
public enum AssociateRejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}
