namespace Tessera.Dimse.Pdus;

/// <summary>
/// SCP/SCU role selection sub-item (54H, PS3.7 D.3.3.4). In the RQ the flags are the roles the requestor
/// proposes for itself; in the AC, the roles the acceptor agrees the requestor may take.
/// </summary>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);
