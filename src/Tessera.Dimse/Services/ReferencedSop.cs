namespace Tessera.Dimse.Services;

/// <summary>An item of a Referenced SOP Sequence (0008,1199): Referenced SOP Class UID (0008,1150) and Instance UID (0008,1155).</summary>
public sealed record ReferencedSop(string SopClassUid, string SopInstanceUid);
