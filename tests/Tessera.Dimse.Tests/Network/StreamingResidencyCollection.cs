namespace Tessera.Dimse.Tests.Network;

/// <summary>Runs <see cref="StreamingResidencyTests"/> apart from every other test.</summary>
[CollectionDefinition(nameof(StreamingResidencyTests), DisableParallelization = true)]
public sealed class StreamingResidencyCollection;
