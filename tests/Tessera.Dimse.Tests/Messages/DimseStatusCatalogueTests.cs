using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Tests.Messages;

/// <summary>The generated catalogue (tools/Tessera.Generator/standard/dimse-statuses.tsv) as the engine uses it.</summary>
public sealed class DimseStatusCatalogueTests
{
    [Fact]
    public void EveryRowIsReachableAndCitesTheStandard()
    {
        foreach (var entry in DimseStatusCatalogue.Entries)
        {
            // An exact code listed after a range containing it would never be found by Find.
            Assert.Same(entry, DimseStatusCatalogue.Find(entry.Low));
            Assert.StartsWith("PS3.", entry.Reference, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0xA702, "OutOfResourcesSubOperations")]
    [InlineData(0xA7FE, "OutOfResources")]
    [InlineData(0xC123, "CannotUnderstand")]
    [InlineData(0xFE00, "Cancel")]
    public void CodesResolveToTheirRow(int code, string keyword) =>
        Assert.Equal(keyword, DimseStatusCatalogue.Find((ushort)code)!.Keyword);
}
