using Tessera.Dimse.Messages;

namespace Tessera.Dimse.Tests.Messages;

public sealed class DimseStatusTests
{
    [Theory]
    [InlineData(0x0000, DimseStatusCategory.Success)]
    [InlineData(0xFF00, DimseStatusCategory.Pending)]
    [InlineData(0xFF01, DimseStatusCategory.Pending)]
    [InlineData(0xFE00, DimseStatusCategory.Cancel)]
    [InlineData(0xB000, DimseStatusCategory.Warning)]
    [InlineData(0xB006, DimseStatusCategory.Warning)]
    [InlineData(0xB007, DimseStatusCategory.Warning)]
    [InlineData(0xB123, DimseStatusCategory.Warning)]
    [InlineData(0x0001, DimseStatusCategory.Warning)]
    [InlineData(0x0107, DimseStatusCategory.Warning)]
    [InlineData(0xA700, DimseStatusCategory.Failure)]
    [InlineData(0xA7FF, DimseStatusCategory.Failure)]
    [InlineData(0xA801, DimseStatusCategory.Failure)]
    [InlineData(0xA900, DimseStatusCategory.Failure)]
    [InlineData(0xC000, DimseStatusCategory.Failure)]
    [InlineData(0xCFFF, DimseStatusCategory.Failure)]
    [InlineData(0x0122, DimseStatusCategory.Failure)]
    [InlineData(0x0124, DimseStatusCategory.Failure)]
    [InlineData(0x0210, DimseStatusCategory.Failure)]
    [InlineData(0x0211, DimseStatusCategory.Failure)]
    [InlineData(0x0212, DimseStatusCategory.Failure)]
    [InlineData(0x0213, DimseStatusCategory.Failure)]
    [InlineData(0x0110, DimseStatusCategory.Failure)]
    [InlineData(0x0111, DimseStatusCategory.Failure)]
    [InlineData(0x0112, DimseStatusCategory.Failure)]
    [InlineData(0x0117, DimseStatusCategory.Failure)]
    [InlineData(0x0105, DimseStatusCategory.Failure)]
    [InlineData(0x0106, DimseStatusCategory.Failure)]
    [InlineData(0x0115, DimseStatusCategory.Failure)]
    [InlineData(0x0118, DimseStatusCategory.Failure)]
    [InlineData(0x0119, DimseStatusCategory.Failure)]
    [InlineData(0x0120, DimseStatusCategory.Failure)]
    [InlineData(0x0121, DimseStatusCategory.Failure)]
    [InlineData(0x7777, DimseStatusCategory.Failure)]
    public void CategoriesFollowPs37AnnexC(int code, DimseStatusCategory category) =>
        Assert.Equal(category, new DimseStatus((ushort)code).Category);

    [Fact]
    public void ExactCodesWinOverTheirRange()
    {
        Assert.Equal("OutOfResourcesSubOperations", DimseStatusCatalogue.Find(0xA702)!.Keyword);
        Assert.Equal("OutOfResources", DimseStatusCatalogue.Find(0xA710)!.Keyword);
    }

    [Fact]
    public void EveryEntryIsReachable()
    {
        foreach (var entry in DimseStatusCatalogue.Entries)
        {
            Assert.Same(entry, DimseStatusCatalogue.Find(entry.Low));
            Assert.True(entry.Low <= entry.High);
        }
    }

    [Fact]
    public void StatusPrintsItsMeaning() =>
        Assert.Equal("A801H (Refused: move destination unknown)", DimseStatus.MoveDestinationUnknown.ToString());
}
