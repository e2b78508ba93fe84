using Tessera.Dicom.IO;
using Tessera.Dicom.Serialization;
using Tessera.Dicom.Tests.Corpus;

namespace Tessera.Dicom.Tests.Serialization;

/// <summary>Every corpus file our reader can read (all but <see cref="CorpusSkips.ReaderRejects"/>) survives dataset → JSON → dataset and dataset → XML → dataset.</summary>
public class CorpusRoundTripTests
{
    /// <summary>Files the reader rejects (listed in <see cref="CorpusSkips.ReaderRejects"/>) are the reader's tests, not ours.</summary>
    internal static DicomDataset? TryOpen(string name) => CorpusSkips.OpenOrExpectRejection(name)?.Dataset;

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
