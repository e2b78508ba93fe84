namespace Tessera.Server.Control;

/// <summary>A stored file the check found wrong: <see cref="Kind"/> is <c>missing</c>, <c>corrupt</c> or <c>orphan</c>.</summary>
public sealed record CheckFinding(string Kind, string Path);
