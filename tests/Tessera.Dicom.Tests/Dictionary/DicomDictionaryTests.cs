namespace Tessera.Dicom.Tests.Dictionary;

public class DicomDictionaryTests
{
    [Fact]
    public void Patient_name_by_tag()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0010, 0x0010));
        Assert.NotNull(entry);
        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal("Patient's Name", entry.Name);
        Assert.Equal(DicomVR.PN, entry.DefaultVR);
        Assert.Equal([DicomVR.PN], entry.ValueRepresentations.ToArray());
        Assert.Equal("1", entry.ValueMultiplicity);
        Assert.False(entry.IsRetired);
        Assert.Equal(0xFFFFFFFFu, entry.Mask);
        Assert.Equal(DicomTags.PatientName, entry.Tag);
    }

    [Theory]
    [InlineData(0x6002)]
    [InlineData(0x6000)]
    [InlineData(0x601E)]
    [InlineData(0x6020)] // beyond PS3.5 7.6's 6000-601E; DCMTK and pydicom name it too (see DicomDictionary.Find)
    public void Overlay_data_in_any_even_60xx_group(int group)
    {
        var entry = DicomDictionary.Find(new DicomTag((ushort)group, 0x3000));
        Assert.NotNull(entry);
        Assert.Equal("OverlayData", entry.Keyword);
        Assert.Equal([DicomVR.OB, DicomVR.OW], entry.ValueRepresentations.ToArray());
        Assert.Equal(0x60003000u, entry.Value);
        Assert.Equal(0xFF00FFFFu, entry.Mask);
        Assert.True(entry.IsMasked);
    }

    [Fact]
    public void Odd_60xx_group_is_private_not_overlay()
    {
        Assert.Null(DicomDictionary.Find(new DicomTag(0x6001, 0x3000)));
        Assert.Equal("PrivateCreator", DicomDictionary.Find(new DicomTag(0x6001, 0x0010))?.Keyword);
    }

    [Fact]
    public void Red_palette_lut_data_is_ow() =>
        Assert.Equal(DicomVR.OW, DicomDictionary.Find(new DicomTag(0x0028, 0x1201))?.DefaultVR);

    [Fact]
    public void Red_palette_lut_data_keyword() =>
        Assert.Equal("RedPaletteColorLookupTableData", DicomDictionary.Find(new DicomTag(0x0028, 0x1201))?.Keyword);

    [Fact]
    public void Private_creator_is_lo()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0029, 0x0010));
        Assert.NotNull(entry);
        Assert.Equal("PrivateCreator", entry.Keyword);
        Assert.Equal(DicomVR.LO, entry.DefaultVR);
        Assert.Same(entry, DicomDictionary.Find(new DicomTag(0x0009, 0x00FF)));
    }

    [Theory]
    [InlineData(0x0029, 0x1010)]
    [InlineData(0x0029, 0x0100)]
    [InlineData(0x0001, 0x0010)] // reserved odd group: not private, no creator
    [InlineData(0xFFFF, 0x0010)]
    [InlineData(0x0010, 0x9999)] // an even-group tag this edition does not list
    public void Unknown_and_private_tags_are_null(int group, int element) =>
        Assert.Null(DicomDictionary.Find(new DicomTag((ushort)group, (ushort)element)));

    [Fact]
    public void Group_length_of_any_group_is_ul()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0018, 0x0000));
        Assert.NotNull(entry);
        Assert.Equal("GroupLength", entry.Keyword);
        Assert.Equal(DicomVR.UL, entry.DefaultVR);
        Assert.Equal(DicomVR.UL, DicomDictionary.GetVR(new DicomTag(0x0029, 0x0000)));

        // The two PS3.6 lists by name keep their own entries.
        Assert.Equal("FileMetaInformationGroupLength", DicomDictionary.Find(new DicomTag(0x0002, 0x0000))?.Keyword);
        Assert.Equal("CommandGroupLength", DicomDictionary.Find(new DicomTag(0x0000, 0x0000))?.Keyword);
    }

    [Fact]
    public void Find_by_keyword_is_case_sensitive()
    {
        Assert.Equal(0x00100010u, DicomDictionary.Find("PatientName")?.Value);
        Assert.Equal(0x60003000u, DicomDictionary.Find("OverlayData")?.Value);
        Assert.Null(DicomDictionary.Find("patientname"));
        Assert.Null(DicomDictionary.Find("NoSuchKeyword"));
    }

    [Fact]
    public void Every_keyword_round_trips_through_its_tag()
    {
        foreach (var entry in DicomDictionary.Entries)
        {
            if (!entry.IsMasked)
            {
                Assert.Same(entry, DicomDictionary.Find(entry.Tag));
            }

            if (entry.Keyword.Length > 0)
            {
                Assert.Same(entry, DicomDictionary.Find(entry.Keyword));
            }
        }
    }

    [Fact]
    public void Repeating_tag_constants_name_a_member_of_their_own_family()
    {
        // (0028,04x0) with x = 0 is (0028,0400) Transform Label, and (1010,xxxx) with x = 0 is a
        // group length, so those constants take the next member of the family.
        Assert.Equal(new DicomTag(0x6000, 0x3000), DicomTags.OverlayData);
        Assert.Equal(new DicomTag(0x0028, 0x0410), DicomTags.RowsForNthOrderCoefficients);
        Assert.Equal(new DicomTag(0x1010, 0x0001), DicomTags.ZonalMap);
        Assert.Equal(new DicomTag(0x1000, 0x0010), DicomTags.EscapeTriplet);
        Assert.Equal("TransformLabel", DicomDictionary.Find(new DicomTag(0x0028, 0x0400))?.Keyword);
        foreach (var entry in DicomDictionary.Entries.Where(e => e.IsMasked))
        {
            var field = typeof(DicomTags).GetField(entry.Keyword);
            Assert.NotNull(field);
            Assert.Same(entry, DicomDictionary.Find((DicomTag)field.GetValue(null)!));
        }
    }

    [Fact]
    public void Get_vr_for_implicit_reading()
    {
        Assert.Equal(DicomVR.PN, DicomDictionary.GetVR(DicomTags.PatientName));
        Assert.Equal(DicomVR.US, DicomDictionary.GetVR(DicomTags.SmallestImagePixelValue)); // US or SS → first
        Assert.Equal(DicomVR.OB, DicomDictionary.GetVR(DicomTags.PixelData)); // OB or OW → first; the reader resolves it
        Assert.Equal(DicomVR.UN, DicomDictionary.GetVR(new DicomTag(0x0029, 0x1010)));
        Assert.Equal(DicomVR.UN, DicomDictionary.GetVR(DicomTag.Item)); // NONE
        Assert.Equal(DicomVR.LO, DicomDictionary.GetVR(new DicomTag(0x0029, 0x0010)));
    }

    [Fact]
    public void Item_tags_have_no_vr()
    {
        var item = DicomDictionary.Find(DicomTag.Item);
        Assert.NotNull(item);
        Assert.Empty(item.ValueRepresentations);
        Assert.Equal(DicomVR.None, item.DefaultVR);
    }

    [Fact]
    public void Most_specific_mask_wins()
    {
        // (0028,04x0) and (0028,08x0) are element masks; a tag under both a narrower and a wider
        // mask must get the narrower one. (1010,xxxx) is the widest element mask of all.
        Assert.Equal("ZonalMap", DicomDictionary.Find(new DicomTag(0x1010, 0x1234))?.Keyword);
        Assert.Equal("EscapeTriplet", DicomDictionary.Find(new DicomTag(0x1000, 0x0010))?.Keyword);
    }

    [Fact]
    public void Counts_match_the_2026b_tables()
    {
        Assert.Equal(5354, DicomDictionary.Entries.Count);
        Assert.Equal(88, DicomDictionary.Entries.Count(e => e.IsMasked));
        Assert.Equal(496, DicomDictionary.Entries.Count(e => e.IsRetired));
        Assert.Equal(7, DicomDictionary.Entries.Count(e => e.Keyword.Length == 0));
        Assert.Equal(38, DicomDictionary.Entries.Count(e => e.ValueRepresentations.Length > 1));
        Assert.Equal("2026b", DicomEdition.Name);
    }

    [Fact]
    public void Find_by_tag_does_not_allocate()
    {
        DicomTag[] tags = [DicomTags.PatientName, new(0x6002, 0x3000), new(0x0029, 0x0010), new(0x0029, 0x1010), new(0x0018, 0x0000)];
        foreach (var tag in tags)
        {
            _ = DicomDictionary.Find(tag);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var tag in tags)
            {
                _ = DicomDictionary.Find(tag);
                _ = DicomDictionary.GetVR(tag);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
