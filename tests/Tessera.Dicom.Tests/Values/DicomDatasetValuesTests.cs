using Tessera.Dicom.Values;

namespace Tessera.Dicom.Tests.Values;

public class DicomDatasetValuesTests
{
    private static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    private static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    private static readonly DicomTag AcquisitionDateTime = new(0x0008, 0x002A);
    private static readonly DicomTag TimezoneOffsetFromUTC = new(0x0008, 0x0201);
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);
    private static readonly DicomTag OtherPatientNames = new(0x0010, 0x1001);
    private static readonly DicomTag PatientAge = new(0x0010, 0x1010);
    private static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    private static readonly DicomTag ImagePositionPatient = new(0x0020, 0x0032);
    private static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    private static readonly DicomTag Rows = new(0x0028, 0x0010);
    private static readonly DicomTag DimensionIndexPointer = new(0x0020, 0x9165);
    private static readonly DicomTag SOPInstanceUID = new(0x0008, 0x0018);
    private static readonly DicomTag ReferencedSeriesSequence = new(0x0008, 0x1115);

    [Fact]
    public void Dates_and_times_round_trip_through_the_dataset()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(StudyDate, DicomDate.Parse("20240315"));
        dataset.AddOrUpdate(StudyTime, DicomTime.Parse("123045.5"));
        dataset.AddOrUpdate(AcquisitionDateTime, DicomDateTime.Parse("20240315123045.5+0100"));
        Assert.Equal(DicomVR.DA, dataset[StudyDate]!.VR);
        Assert.Equal("20240315", dataset.GetString(StudyDate));
        Assert.True(dataset.TryGetDate(StudyDate, out var date));
        Assert.Equal(new DateOnly(2024, 3, 15), date.Date);
        Assert.Equal(DicomTime.Parse("123045.5"), dataset.GetTime(StudyTime));
        Assert.Equal("20240315123045.5+0100", dataset.GetDateTime(AcquisitionDateTime).ToString());
    }

    [Fact]
    public void Reading_is_lenient_and_failures_name_the_element()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(StudyDate, DicomVR.DA, "1995.05.12");
        dataset.AddOrUpdate(StudyTime, DicomVR.TM, "12:30:00");
        Assert.Equal(DicomDate.Parse("19950512"), dataset.GetDate(StudyDate));
        Assert.Equal(DicomTime.Parse("123000"), dataset.GetTime(StudyTime));

        dataset.AddOrUpdate(StudyDate, DicomVR.DA, "00000000");
        Assert.False(dataset.TryGetDate(StudyDate, out _));
        var exception = Assert.Throws<DicomException>(() => dataset.GetDate(StudyDate));
        Assert.Equal(StudyDate, exception.Tag);
    }

    [Fact]
    public void Absent_and_empty_elements_read_as_nothing()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(StudyDate, DicomVR.DA, string.Empty);
        Assert.Null(dataset.GetDate(StudyDate));
        Assert.Empty(dataset.GetDates(StudyDate));
        Assert.Null(dataset.GetTime(StudyTime));
        Assert.Null(dataset.GetPersonName(PatientName));
        Assert.Empty(dataset.GetDoubles(PixelSpacing));
        Assert.Empty(dataset.GetTags(DimensionIndexPointer));
        Assert.Null(dataset.GetDateTime(StudyDate, StudyTime));
    }

    [Fact]
    public void Date_and_time_pairs_take_the_timezone_offset_of_the_instance()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(StudyDate, DicomVR.DA, "20240315");
        dataset.AddOrUpdate(StudyTime, DicomVR.TM, "1230");
        Assert.Equal("202403151230", dataset.GetDateTime(StudyDate, StudyTime).ToString());
        Assert.Null(dataset.GetDateTimeOffset(StudyDate, StudyTime));
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.Zero), dataset.GetDateTimeOffset(StudyDate, StudyTime, TimeSpan.Zero));

        dataset.AddOrUpdate(TimezoneOffsetFromUTC, DicomVR.SH, "-0500");
        Assert.Equal("202403151230-0500", dataset.GetDateTime(StudyDate, StudyTime).ToString());
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.FromHours(-5)), dataset.GetDateTimeOffset(StudyDate, StudyTime, TimeSpan.Zero));

        // Items of a sequence belong to the same instance.
        var item = new DicomDataset();
        dataset.Add(new DicomSequence(ReferencedSeriesSequence, [item]));
        item.AddOrUpdate(AcquisitionDateTime, DicomVR.DT, "20240315123000");
        Assert.Equal(TimeSpan.FromHours(-5), item.GetTimezoneOffsetFromUTC());
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.FromHours(-5)), item.GetDateTimeOffset(AcquisitionDateTime));

        // An offset in the DT itself wins.
        item.AddOrUpdate(AcquisitionDateTime, DicomVR.DT, "20240315123000+0100");
        Assert.Equal(new DateTimeOffset(2024, 3, 15, 12, 30, 0, TimeSpan.FromHours(1)), item.GetDateTimeOffset(AcquisitionDateTime));

        // A malformed offset is ignored rather than failing every date.
        dataset.AddOrUpdate(TimezoneOffsetFromUTC, DicomVR.SH, "EST");
        Assert.Null(dataset.GetTimezoneOffsetFromUTC());
    }

    [Fact]
    public void Person_names()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(PatientName, DicomPersonName.Parse("Doe^Jane^^Dr."));
        dataset.AddOrUpdate(OtherPatientNames, new DicomPersonName("Doe", "J"), new DicomPersonName("Smith", "Jane"));
        Assert.Equal("Doe^Jane^^Dr.", dataset.GetString(PatientName));
        Assert.Equal("Jane", dataset.GetPersonName(PatientName)!.GivenName);
        Assert.Equal(["Doe^J", "Smith^Jane"], dataset.GetPersonNames(OtherPatientNames).Select(n => n.ToString()));
    }

    [Fact]
    public void Ages()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(PatientAge, new DicomAge(45, DicomAgeUnit.Years));
        Assert.Equal("045Y", dataset.GetString(PatientAge));
        Assert.Equal(new DicomAge(45, DicomAgeUnit.Years), dataset.GetAge(PatientAge));
        dataset.AddOrUpdate(PatientAge, DicomVR.AS, "22Y");
        Assert.True(dataset.TryGetAge(PatientAge, out var age));
        Assert.Equal(22, age.Value);
    }

    [Fact]
    public void Decimal_and_integer_strings()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdateDecimalStrings(PixelSpacing, 1.0 / 3, 0.5);
        Assert.Equal("0.33333333333333\\0.5", dataset.GetString(PixelSpacing));
        Assert.Equal([0.33333333333333, 0.5], dataset.GetDoubles(PixelSpacing));
        Assert.Equal([0.33333333333333m, 0.5m], dataset.GetDecimalStrings(PixelSpacing));
        Assert.Equal(0.33333333333333, dataset.GetDouble(PixelSpacing));

        dataset.AddOrUpdate(ImagePositionPatient, DicomVR.DS, " -115.000000\\+78.00\\8.105470e-01");
        Assert.Equal([-115.0, 78.0, 0.810547], dataset.GetDoubles(ImagePositionPatient));
        dataset.AddOrUpdateDecimalStrings(ImagePositionPatient, 1.50m, -2m);
        Assert.Equal("1.50\\-2", dataset.GetString(ImagePositionPatient));

        dataset.AddOrUpdateIntegerStrings(InstanceNumber, 7, -3);
        Assert.Equal("7\\-3", dataset.GetString(InstanceNumber));
        Assert.Equal([7, -3], dataset.GetIntegerStrings(InstanceNumber));
        Assert.Equal(7, dataset.GetIntegerString(InstanceNumber));

        dataset.AddOrUpdate(InstanceNumber, DicomVR.IS, "1A");
        Assert.Equal(InstanceNumber, Assert.Throws<DicomException>(() => dataset.GetIntegerStrings(InstanceNumber)).Tag);
    }

    [Fact]
    public void Numeric_getters_also_read_binary_VRs()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate<ushort>(Rows, DicomVR.US, 512);
        Assert.Equal([512], dataset.GetIntegerStrings(Rows));
        dataset.AddOrUpdate(PixelSpacing, DicomVR.FD, 0.25, 0.5);
        Assert.Equal([0.25, 0.5], dataset.GetDoubles(PixelSpacing));
        dataset.AddOrUpdate(PixelSpacing, DicomVR.FL, 0.25f);
        Assert.Equal([0.25], dataset.GetDoubles(PixelSpacing));
    }

    [Fact]
    public void Attribute_tags()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DimensionIndexPointer, ImagePositionPatient, InstanceNumber);
        Assert.Equal(DicomVR.AT, dataset[DimensionIndexPointer]!.VR);
        Assert.Equal([ImagePositionPatient, InstanceNumber], dataset.GetTags(DimensionIndexPointer));
    }

    [Fact]
    public void UIDs_are_checked_when_written()
    {
        var dataset = new DicomDataset();
        var uid = DicomUidGenerator.Create();
        dataset.AddOrUpdateUids(SOPInstanceUID, uid);
        Assert.Equal(uid, dataset.GetString(SOPInstanceUID));
        Assert.Equal(SOPInstanceUID, Assert.Throws<DicomException>(() => dataset.AddOrUpdateUids(SOPInstanceUID, "1.02")).Tag);
    }
}
