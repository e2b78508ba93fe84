namespace Tessera.Dimse.Services;

/// <summary>A peer application entity: its AE title and where it listens.</summary>
public sealed record RemoteApplicationEntity(string AETitle, string Host, int Port);
