using System.Text;
using System.Xml.Linq;
using Tessera.Dicom.Serialization;
using static Tessera.Dicom.Tests.Serialization.TestDatasets;

namespace Tessera.Dicom.Tests.Serialization;

public class DicomXmlTests
{
    private static readonly XNamespace Ns = DicomXmlWriter.Namespace;

    private static XElement Write(DicomDataset dataset, DicomXmlWriterOptions? options = null) =>
        XElement.Parse(new DicomXmlWriter(options).Serialize(dataset));

    private static XElement Attribute(XElement root, string tag) =>
        root.Elements(Ns + "DicomAttribute").Single(e => (string?)e.Attribute("tag") == tag);

    [Fact]
    public void Writes_the_native_model_with_tag_vr_keyword_and_numbered_values()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY");
        dataset.AddOrUpdate<ushort>(Rows, DicomVR.US, 512);
        var root = Write(dataset);
        Assert.Equal("NativeDicomModel", root.Name.LocalName);
        var imageType = Attribute(root, "00080008");
        Assert.Equal("CS", (string?)imageType.Attribute("vr"));
        Assert.Equal("ImageType", (string?)imageType.Attribute("keyword"));
        Assert.Equal(["1:ORIGINAL", "2:PRIMARY"], imageType.Elements(Ns + "Value").Select(v => $"{v.Attribute("number")!.Value}:{v.Value}"));
        Assert.Equal("512", Attribute(root, "00280010").Element(Ns + "Value")!.Value);
    }

    [Fact]
    public void Person_names_are_split_into_groups_and_components()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.AddOrUpdate(PatientName, DicomVR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        var name = Attribute(Write(dataset), "00100010").Element(Ns + "PersonName")!;
        Assert.Equal("1", (string?)name.Attribute("number"));
        Assert.Equal("Yamada", name.Element(Ns + "Alphabetic")!.Element(Ns + "FamilyName")!.Value);
        Assert.Equal("太郎", name.Element(Ns + "Ideographic")!.Element(Ns + "GivenName")!.Value);
        Assert.Equal("やまだ", name.Element(Ns + "Phonetic")!.Element(Ns + "FamilyName")!.Value);
    }

    [Fact]
    public void Private_elements_are_named_by_creator_and_offset_and_come_back_to_their_block()
    {
        var dataset = new DicomDataset();
        var tag = dataset.ReservePrivateTag(0x0009, "GEMS_IDEN_01", 0x01);
        dataset.AddOrUpdate(tag, DicomVR.LO, "GE_GENESIS_FF");
        var block = dataset.ReservePrivateTag(0x0009, "OTHER", 0x01);
        dataset.AddOrUpdate(block, DicomVR.SH, "x");
        var root = Write(dataset);
        var element = root.Elements(Ns + "DicomAttribute").First(e => (string?)e.Attribute("privateCreator") == "GEMS_IDEN_01");
        Assert.Equal("00090001", (string?)element.Attribute("tag"));
        Assert.Null(element.Attribute("keyword"));

        var back = new DicomXmlReader().Read(root.ToString());
        Assert.Equal("GE_GENESIS_FF", back.GetString(tag));
        Assert.Equal("x", back.GetString(block));
        DatasetAssert.Equivalent(dataset, back);
    }

    [Fact]
    public void A_private_creator_missing_from_the_document_gets_a_block()
    {
        const string xml = """
            <NativeDicomModel>
              <DicomAttribute tag="00090010" vr="LO"><Value number="1">FIRST</Value></DicomAttribute>
              <DicomAttribute tag="00090001" vr="SH" privateCreator="SECOND"><Value number="1">v</Value></DicomAttribute>
            </NativeDicomModel>
            """;
        var deviations = new List<DicomDeviation>();
        var dataset = new DicomXmlReader(new DicomXmlReaderOptions { OnDeviation = deviations.Add }).Read(xml);
        Assert.Equal("SECOND", dataset.GetString(new DicomTag(0x0009, 0x0011)));
        Assert.Equal("v", dataset.GetString(new DicomTag(0x0009, 0x1101)));
        Assert.Single(deviations);
    }

    [Fact]
    public void Round_trips_sequences_binary_numbers_and_empty_values()
    {
        var dataset = new DicomDataset();
        var item = new DicomDataset();
        item.AddOrUpdate(ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3");
        dataset.Add(new DicomSequence(ReferencedSeriesSequence, [item, new DicomDataset()]));
        dataset.Add(StringElement(OtherPatientIDs, DicomVR.LO, "A\\\\B"));
        dataset.Add(StringElement(PatientID, DicomVR.LO, string.Empty));
        dataset.Add(StringElement(PatientComments, DicomVR.LT, " leading\\kept"));
        dataset.AddOrUpdate(RealWorldValueSlope, DicomVR.FD, 0.1, double.NaN, double.PositiveInfinity);
        dataset.AddOrUpdate(FloatPixelPaddingValue, DicomVR.FL, -1.5f);
        dataset.AddOrUpdate<ushort>(FrameIncrementPointer, DicomVR.AT, 0x0018, 0x1063);
        dataset.Add(new DicomValueElement(RedPaletteColorLookupTableData, DicomVR.OW, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        dataset.Add(new DicomFragmentSequence(PixelData, DicomVR.OB, DicomValue.Empty, [new DicomValue(new byte[] { 1, 2, 3 }), new DicomValue(new byte[] { 4 })]));
        var back = new DicomXmlReader().Read(new DicomXmlWriter().Serialize(dataset));
        DatasetAssert.Equivalent(dataset, back);
        Assert.Equal(["A", "", "B"], back.GetStrings(OtherPatientIDs));
    }

    [Fact]
    public void Bulk_data_is_a_uri_when_the_factory_names_it_and_resolved_on_reading()
    {
        var dataset = new DicomDataset();
        dataset.Add(new DicomValueElement(PixelData, DicomVR.OW, new byte[4096]));
        var xml = new DicomXmlWriter(new DicomXmlWriterOptions { BulkDataUriFactory = p => "bulk/" + p }).Serialize(dataset);
        Assert.Contains("<BulkData uri=\"bulk/7FE00010\" />", xml, StringComparison.Ordinal);
        var back = new DicomXmlReader(new DicomXmlReaderOptions { BulkDataUriResolver = _ => new DicomValue(new byte[4096]) }).Read(xml);
        Assert.Equal(4096, ((DicomValueElement)back[PixelData]!).Length);
    }

    [Fact]
    public void Control_characters_XML_cannot_carry_become_replacement_characters()
    {
        var dataset = new DicomDataset();
        dataset.Add(StringElement(PatientComments, DicomVR.LT, "bell\u0007"));
        var back = new DicomXmlReader().Read(new DicomXmlWriter().Serialize(dataset));
        Assert.Equal("bell\uFFFD", back.GetString(PatientComments));
    }

    [Theory]
    [InlineData("<Other/>")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"0010\" vr=\"LO\"/></NativeDicomModel>")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"00280010\" vr=\"US\"><Value number=\"1\">70000</Value></DicomAttribute></NativeDicomModel>")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"00280010\" vr=\"US\"><Value number=\"0\">1</Value></DicomAttribute></NativeDicomModel>")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><NativeDicomModel/>")]
    [InlineData("<NativeDicomModel><DicomAttribute tag=\"00100010\" vr=\"PN\">")]
    public void Bad_documents_throw_DicomException(string xml)
    {
        Assert.Throws<DicomException>(() => new DicomXmlReader().Read(xml));
    }

    [Fact]
    public void Sequence_depth_is_bounded()
    {
        var xml = new StringBuilder("<NativeDicomModel>");
        for (var i = 0; i < 5; i++)
        {
            xml.Append("<DicomAttribute tag=\"00081115\" vr=\"SQ\"><Item number=\"1\">");
        }

        for (var i = 0; i < 5; i++)
        {
            xml.Append("</Item></DicomAttribute>");
        }

        xml.Append("</NativeDicomModel>");
        Assert.NotNull(new DicomXmlReader(new DicomXmlReaderOptions { MaxSequenceDepth = 5 }).Read(xml.ToString()));
        Assert.Throws<DicomException>(() => new DicomXmlReader(new DicomXmlReaderOptions { MaxSequenceDepth = 4 }).Read(xml.ToString()));
    }
}
