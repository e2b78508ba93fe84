using System.IO.Pipelines;

namespace Tessera.Dimse.Network;

/// <summary>A transport as a pair of pipes: a socket's, or an in-memory one in tests.</summary>
public sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
