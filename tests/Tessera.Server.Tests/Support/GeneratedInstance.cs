namespace Tessera.Server.Tests.Support;

/// <summary>One file of <see cref="GeneratedInstances"/>.</summary>
internal sealed record GeneratedInstance(string Path, string SopInstanceUid, string StudyInstanceUid);
