using Tessera.Archive.Ingest;

namespace Tessera.Archive.Tests;

/// <summary>Blob names from validated UIDs, and back: a crash recovery finds the instance a blob was stored for by its name.</summary>
public sealed class StoragePathsTests
{
    [Fact]
    public void A_name_made_by_For_gives_back_its_SOP_Instance_UID()
    {
        var path = StoragePaths.For("1.2.3", "1.2.3.4", "1.2.3.4.5", new string('a', 64));

        Assert.Equal("1.2.3/1.2.3.4/1.2.3.4.5.aaaaaaaaaaaaaaaa.dcm", path);
        Assert.Equal("1.2.3.4.5", StoragePaths.SopInstanceUidOf(path));
    }

    [Theory]
    [InlineData("1.2.3/1.2.3.4/1.2.3.4.5.dcm")] // no hash
    [InlineData("1.2.3/1.2.3.4/1.2.3.4.5.AAAAAAAAAAAAAAAA.dcm")] // not lower-case hex
    [InlineData("1.2.3/1.2.3.4/1.2.3.4.5.aaaaaaaaaaaaaaaa.tmp")]
    [InlineData("1.2.3/1.2.3.4/x.aaaaaaaaaaaaaaaa.dcm")]
    [InlineData("1.2.3/1.2.3.4.5.aaaaaaaaaaaaaaaa.dcm")] // no series folder
    [InlineData("tmp/1.2.3/1.2.3.4/1.2.3.4.5.aaaaaaaaaaaaaaaa.dcm")]
    [InlineData("README")]
    public void Other_names_give_none(string path) => Assert.Null(StoragePaths.SopInstanceUidOf(path));
}
