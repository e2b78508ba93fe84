namespace Tessera.Archive.Tests;

/// <summary>Tests that measure process-wide allocation run alone.</summary>
[CollectionDefinition(nameof(LargeInstanceTests), DisableParallelization = true)]
public sealed class LargeInstanceCollection;
