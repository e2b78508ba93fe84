using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Testing;

namespace Tessera.Dimse.Tests.Services;

/// <summary>What a C-STORE announces and sends for a Part 10 file, from the corpus.</summary>
public sealed class DicomInstanceSourceTests
{
    /// <summary>Regression: rtplan.dcm's Media Storage SOP Instance UID is not its data set's; receivers refuse the meta's (A900H).</summary>
    [Fact]
    public async Task IdentityIsTheDataSetsNotTheFileMetas()
    {
        var source = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("rtplan.dcm"));

        Assert.Equal("1.2.777.777.77.7.7777.7777.20030903150023", source.SopInstanceUid);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.481.5", source.SopClassUid);
    }

    [Theory]
    [InlineData("dx_mono1.dcm", true)]
    [InlineData("ecg_12lead.dcm", false)]
    [InlineData("ct_small_evrle.dcm", false)]
    [InlineData("rtplan.dcm", false)]
    public async Task OddLengthValuesNeedRepair(string file, bool needsRepair)
    {
        var source = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus(file));

        Assert.Equal(needsRepair, source.NeedsRepair);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(0, 0)]
    public async Task DeflatedStreamIsPaddedToEvenLength(int length, int expected)
    {
        var bytes = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        await using var stream = new EvenLengthStream(new MemoryStream(bytes));
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(expected, copy.Length);
        Assert.Equal(bytes, copy.ToArray().Take(length));
        Assert.All(copy.ToArray().Skip(length), b => Assert.Equal(0, b));
    }
}
