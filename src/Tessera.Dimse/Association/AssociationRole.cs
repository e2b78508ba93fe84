namespace Tessera.Dimse.Association;

/// <summary>Which side opened the association; it decides AR-8 on a release collision (PS3.8 9.2.2).</summary>
public enum AssociationRole
{
    Requestor,
    Acceptor,
}
