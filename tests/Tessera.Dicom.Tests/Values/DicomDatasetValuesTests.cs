using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomDatasetValuesTests
{
    [Fact]
    public void Dates_and_times_round_trip_through_the_dataset()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomDate.Parse("20240315"));
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomTime.Parse("123045.5"));
        dataset.AddOrUpdate(DicomTags.AcquisitionDateTime, DicomDateTime.Parse("20240315123045.5+0100"));
        Assert.Equal(DicomVR.DA, dataset[DicomTags.StudyDate]!.VR);
        Assert.Equal("20240315", dataset.GetString(DicomTags.StudyDate));
        Assert.True(dataset.TryGetDate(DicomTags.StudyDate, out var date));
        Assert.Equal(new DateOnly(2024, 3, 15), date.Date);
        Assert.Equal(DicomTime.Parse("123045.5"), dataset.GetTime(DicomTags.StudyTime));
        Assert.Equal("20240315123045.5+0100", dataset.GetDateTime(DicomTags.AcquisitionDateTime).ToString());
    }

    [Fact]
    public void Reading_is_lenient_and_failures_name_the_element()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "1995.05.12");
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "12:30:00");
        Assert.Equal(DicomDate.Parse("19950512"), dataset.GetDate(DicomTags.StudyDate));
        Assert.Equal(DicomTime.Parse("123000"), dataset.GetTime(DicomTags.StudyTime));

        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "00000000");
        Assert.False(dataset.TryGetDate(DicomTags.StudyDate, out _));
        var exception = Assert.Throws<DicomException>(() => dataset.GetDate(DicomTags.StudyDate));
        Assert.Equal(DicomTags.StudyDate, exception.Tag);
    }

    [Fact]
    public void Absent_and_empty_elements_read_as_nothing()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, string.Empty);
        Assert.Null(dataset.GetDate(DicomTags.StudyDate));
        Assert.Empty(dataset.GetDates(DicomTags.StudyDate));
        Assert.Null(dataset.GetTime(DicomTags.StudyTime));
        Assert.Null(dataset.GetPersonName(DicomTags.PatientName));
        Assert.Empty(dataset.GetDoubles(DicomTags.PixelSpacing));
        Assert.Empty(dataset.GetTags(DicomTags.DimensionIndexPointer));
        Assert.Null(dataset.GetDateTime(DicomTags.StudyDate, DicomTags.StudyTime));
    }

    [Fact]
    public void Date_and_time_pairs_take_the_timezone_offset_of_the_instance()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240315");
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "1230");
        Assert.Equal("202403151230", dataset.GetDateTime(DicomTags.StudyDate, DicomTags.StudyTime).ToString());
        Assert.Null(dataset.GetDateTimeOffset(DicomTags.StudyDate, DicomTags.StudyTime));
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.Zero), dataset.GetDateTimeOffset(DicomTags.StudyDate, DicomTags.StudyTime, TimeSpan.Zero));

        dataset.AddOrUpdate(DicomTags.TimezoneOffsetFromUTC, DicomVR.SH, "-0500");
        Assert.Equal("202403151230-0500", dataset.GetDateTime(DicomTags.StudyDate, DicomTags.StudyTime).ToString());
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.FromHours(-5)), dataset.GetDateTimeOffset(DicomTags.StudyDate, DicomTags.StudyTime, TimeSpan.Zero));

        // Items of a sequence belong to the same instance.
        var item = new DicomDataset();
        dataset.Add(new DicomSequence(DicomTags.ReferencedSeriesSequence, [item]));
        item.AddOrUpdate(DicomTags.AcquisitionDateTime, DicomVR.DT, "20240315123000");
        Assert.Equal(TimeSpan.FromHours(-5), item.GetTimezoneOffsetFromUTC());
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.FromHours(-5)), item.GetDateTimeOffset(DicomTags.AcquisitionDateTime));

        // An offset in the DT itself wins.
        item.AddOrUpdate(DicomTags.AcquisitionDateTime, DicomVR.DT, "20240315123000+0100");
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.FromHours(1)), item.GetDateTimeOffset(DicomTags.AcquisitionDateTime));

        // A malformed offset is ignored rather than failing every date.
        dataset.AddOrUpdate(DicomTags.TimezoneOffsetFromUTC, DicomVR.SH, "EST");
        Assert.Null(dataset.GetTimezoneOffsetFromUTC());
    }

    [Fact]
    public void Person_names()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.PatientName, DicomPersonName.Parse("Doe^Jane^^Dr."));
        dataset.AddOrUpdate(DicomTags.OtherPatientNames, new DicomPersonName("Doe", "J"), new DicomPersonName("Smith", "Jane"));
        Assert.Equal("Doe^Jane^^Dr.", dataset.GetString(DicomTags.PatientName));
        Assert.Equal("Jane", dataset.GetPersonName(DicomTags.PatientName)!.GivenName);
        Assert.Equal(["Doe^J", "Smith^Jane"], dataset.GetPersonNames(DicomTags.OtherPatientNames).Select(n => n.ToString()));
    }

    [Fact]
    public void Ages()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.PatientAge, new DicomAge(45, DicomAgeUnit.Years));
        Assert.Equal("045Y", dataset.GetString(DicomTags.PatientAge));
        Assert.Equal(new DicomAge(45, DicomAgeUnit.Years), dataset.GetAge(DicomTags.PatientAge));
        dataset.AddOrUpdate(DicomTags.PatientAge, DicomVR.AS, "22Y");
        Assert.True(dataset.TryGetAge(DicomTags.PatientAge, out var age));
        Assert.Equal(22, age.Value);
    }

    [Fact]
    public void Decimal_and_integer_strings()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdateDecimalStrings(DicomTags.PixelSpacing, 1.0 / 3, 0.5);
        Assert.Equal("0.33333333333333\\0.5", dataset.GetString(DicomTags.PixelSpacing));
        Assert.Equal([0.33333333333333, 0.5], dataset.GetDoubles(DicomTags.PixelSpacing));
        Assert.Equal([0.33333333333333m, 0.5m], dataset.GetDecimalStrings(DicomTags.PixelSpacing));
        Assert.Equal(0.33333333333333, dataset.GetDouble(DicomTags.PixelSpacing));

        dataset.AddOrUpdate(DicomTags.ImagePositionPatient, DicomVR.DS, " -115.000000\\+78.00\\8.105470e-01");
        Assert.Equal([-115.0, 78.0, 0.810547], dataset.GetDoubles(DicomTags.ImagePositionPatient));
        dataset.AddOrUpdateDecimalStrings(DicomTags.ImagePositionPatient, 1.50m, -2m);
        Assert.Equal("1.50\\-2", dataset.GetString(DicomTags.ImagePositionPatient));

        dataset.AddOrUpdateIntegerStrings(DicomTags.InstanceNumber, 7, -3);
        Assert.Equal("7\\-3", dataset.GetString(DicomTags.InstanceNumber));
        Assert.Equal([7, -3], dataset.GetIntegerStrings(DicomTags.InstanceNumber));
        Assert.Equal(7, dataset.GetIntegerString(DicomTags.InstanceNumber));

        dataset.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, "1A");
        Assert.Equal(DicomTags.InstanceNumber, Assert.Throws<DicomException>(() => dataset.GetIntegerStrings(DicomTags.InstanceNumber)).Tag);
    }

    [Fact]
    public void Numeric_getters_also_read_binary_VRs()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 512);
        Assert.Equal([512], dataset.GetIntegerStrings(DicomTags.Rows));
        dataset.AddOrUpdate(DicomTags.PixelSpacing, DicomVR.FD, 0.25, 0.5);
        Assert.Equal([0.25, 0.5], dataset.GetDoubles(DicomTags.PixelSpacing));
        dataset.AddOrUpdate(DicomTags.PixelSpacing, DicomVR.FL, 0.25f);
        Assert.Equal([0.25], dataset.GetDoubles(DicomTags.PixelSpacing));
    }

    [Fact]
    public void Attribute_tags()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.DimensionIndexPointer, DicomTags.ImagePositionPatient, DicomTags.InstanceNumber);
        Assert.Equal(DicomVR.AT, dataset[DicomTags.DimensionIndexPointer]!.VR);
        Assert.Equal([DicomTags.ImagePositionPatient, DicomTags.InstanceNumber], dataset.GetTags(DicomTags.DimensionIndexPointer));
    }

    [Fact]
    public void UIDs_are_checked_when_written()
    {
        var dataset = new DicomDataset();
        var uid = DicomUidGenerator.Create();
        dataset.AddOrUpdateUids(DicomTags.SOPInstanceUID, uid);
        Assert.Equal(uid, dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(DicomTags.SOPInstanceUID, Assert.Throws<DicomException>(() => dataset.AddOrUpdateUids(DicomTags.SOPInstanceUID, "1.02")).Tag);
    }
}
