namespace Tessera.Cli.Network;

/// <summary>One instance a storage SCP wrote: where, what, in which transfer syntax, how many bytes, from whom.</summary>
internal sealed record StoredInstance(string Path, string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, long Length, string CallingAETitle);
