namespace Tessera.Dicom.Tests;

public class DicomDatasetTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag PatientID = new(0x0010, 0x0020);
    private static readonly DicomTag ImageType = new(0x0008, 0x0008);
    private static readonly DicomTag Rows = new(0x0028, 0x0010);

    [Fact]
    public void Elements_stay_sorted_whatever_the_insertion_order()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(PatientID, DicomVR.LO, "ID1");
        dataset.AddOrUpdate(ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY");
        dataset.AddOrUpdate(PatientName, DicomVR.PN, "Doe^Jane");
        Assert.Equal([ImageType, PatientName, PatientID], dataset.Select(e => e.Tag));
    }

    [Fact]
    public void Strings_are_trimmed_and_split_as_PS3_5_says()
    {
        var dataset = new DicomDataset();
        dataset.Add(new DicomValueElement(ImageType, DicomVR.CS, "ORIGINAL\\ PRIMARY "u8.ToArray()));
        Assert.Equal(["ORIGINAL", "PRIMARY"], dataset.GetStrings(ImageType));
        Assert.Equal("ORIGINAL\\ PRIMARY", dataset.GetString(ImageType));
    }

    [Fact]
    public void Replacing_an_element_keeps_one_copy()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate<ushort>(Rows, DicomVR.US, 512);
        dataset.AddOrUpdate<ushort>(Rows, DicomVR.US, 256);
        Assert.Equal(1, dataset.Count);
        Assert.Equal((ushort)256, dataset.GetValue<ushort>(Rows));
    }

    [Fact]
    public void Sequence_items_inherit_the_character_set_of_their_owner()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(new DicomTag(0x0008, 0x0005), DicomVR.CS, "ISO_IR 192");
        var item = new DicomDataset();
        dataset.Add(new DicomSequence(new DicomTag(0x0008, 0x1115), [item]));
        item.AddOrUpdate(PatientName, DicomVR.PN, "Müller^Jürgen");
        Assert.Equal("Müller^Jürgen", item.GetString(PatientName));
        Assert.Equal(15, ((DicomValueElement)item[PatientName]!).Length);
    }

    [Fact]
    public void Private_tags_resolve_through_their_creator_block()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(new DicomTag(0x0029, 0x0010), DicomVR.LO, "OTHER");
        var tag = dataset.ReservePrivateTag(0x0029, "TESSERA", 0x01);
        Assert.Equal(new DicomTag(0x0029, 0x1101), tag);
        Assert.Equal(tag, dataset.FindPrivateTag(0x0029, "TESSERA", 0x01));
        dataset.AddOrUpdate(tag, DicomVR.LO, "value");
        Assert.Equal("TESSERA", dataset.GetPrivateCreator(tag));
    }
}
