namespace Tessera.Server.Tests.Support;

/// <summary>The test classes that share one served, loaded archive (loading it is the expensive part).</summary>
[CollectionDefinition(Name)]
public sealed class ServedArchiveCollection : ICollectionFixture<ServedArchive>
{
    public const string Name = "served archive";
}
