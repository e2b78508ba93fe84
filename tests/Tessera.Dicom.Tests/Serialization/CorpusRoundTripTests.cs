using Tessera.Dicom.IO;
using Tessera.Dicom.Serialization;
using Tessera.Dicom.Tests.Corpus;

namespace Tessera.Dicom.Tests.Serialization;

/// <summary>Every corpus file our reader can read survives dataset → JSON → dataset and dataset → XML → dataset.</summary>
public class CorpusRoundTripTests
{
    internal static DicomDataset? TryOpen(string name)
    {
        try
        {
            return DicomFile.Open(CorpusFiles.PathOf(name)).Dataset;
        }
        catch (DicomException)
        {
            // Files the reader rejects (truncated, malformed) are the reader's tests, not ours.
            return null;
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public async Task Json_round_trip(string name)
    {
        var dataset = TryOpen(name);
        if (dataset is null)
        {
            return;
        }

        using var json = new MemoryStream();
        await new DicomJsonWriter().WriteAsync(json, dataset);
        json.Position = 0;
        var back = await new DicomJsonReader().ReadAsync(json);
        DatasetAssert.Equivalent(dataset, back);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public async Task Xml_round_trip(string name)
    {
        var dataset = TryOpen(name);
        if (dataset is null)
        {
            return;
        }

        using var xml = new MemoryStream();
        await new DicomXmlWriter().WriteAsync(xml, dataset);
        xml.Position = 0;
        var back = await new DicomXmlReader().ReadAsync(xml);
        DatasetAssert.Equivalent(dataset, back);
    }
}
