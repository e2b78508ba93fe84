namespace Tessera.Dimse.Pdus;

/// <summary>
/// User information item (PS3.8 9.3.2.3, 9.3.3.3 and PS3.7 Annex D.3.3). Every sub-item is optional
/// on the wire, so every property is nullable or an empty list.
/// </summary>
public sealed record UserInformation
{
    /// <summary>Maximum length received (51H, PS3.8 D.1): the largest P-DATA-TF variable field the sender accepts; 0 = unlimited.</summary>
    public uint? MaximumLength { get; init; }

    /// <summary>Implementation class UID (52H, PS3.7 D.3.3.2), mandatory in practice.</summary>
    public string? ImplementationClassUid { get; init; }

    /// <summary>Implementation version name (55H), 1–16 characters.</summary>
    public string? ImplementationVersionName { get; init; }

    /// <summary>Asynchronous operations window (53H, PS3.7 D.3.3.3).</summary>
    public AsynchronousOperationsWindow? AsynchronousOperationsWindow { get; init; }

    /// <summary>SCP/SCU role selections (54H, PS3.7 D.3.3.4), one per SOP class.</summary>
    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];

    /// <summary>SOP class extended negotiation (56H, PS3.7 D.3.3.5).</summary>
    public IReadOnlyList<SopClassExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    /// <summary>SOP class common extended negotiation (57H, PS3.7 D.3.3.6); RQ only.</summary>
    public IReadOnlyList<SopClassCommonExtendedNegotiation> CommonExtendedNegotiations { get; init; } = [];

    /// <summary>User identity negotiation (58H, PS3.7 D.3.3.7); RQ only.</summary>
    public UserIdentityRq? UserIdentityRq { get; init; }

    /// <summary>User identity server response (59H); AC only.</summary>
    public UserIdentityAc? UserIdentityAc { get; init; }
}
