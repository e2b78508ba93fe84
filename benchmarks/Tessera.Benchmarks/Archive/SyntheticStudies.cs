using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;
using Tessera.Dicom;
using Tessera.Dicom.IO;

namespace Tessera.Benchmarks.Archive;

/// <summary>
/// Index entries of a synthetic archive, as ingest would hand them to the index: patients with
/// <see cref="StudiesPerPatient"/> studies of <see cref="SeriesPerStudy"/> CT series of
/// <see cref="InstancesPerSeries"/> images, UIDs of realistic length (~55 characters), names of
/// random letters (so a 3-letter prefix wildcard selects a handful of patients, as at a real site),
/// and the attribute blob of a real CT header (ct_small_evrle.dcm, GE private groups included).
/// </summary>
internal sealed class SyntheticStudies
{
    public const int InstancesPerSeries = 25;
    public const int SeriesPerStudy = 2;
    public const int StudiesPerPatient = 2;
    public const int InstancesPerPatient = InstancesPerSeries * SeriesPerStudy * StudiesPerPatient;
    private const string Root = "1.2.826.0.1.3680043.10.543.20261126";

    private readonly byte[] _attributes;
    private readonly byte[] _frames = new FrameIndex([[new ByteRange(1024, 512 * 512 * 2)]]).Encode();

    public SyntheticStudies()
    {
        var header = DicomFile.Open(Path.Combine(BenchmarkFiles.FindCorpus(), "ct_small_evrle.dcm"), new DicomReadOptions { StopBeforePixelData = true });
        _attributes = AttributeBlob.Encode(header.Dataset);
    }

    public int AttributeBytes => _attributes.Length;

    public static string PatientId(int patient) => string.Create(CultureInfo.InvariantCulture, $"PID{patient:D7}");

    /// <summary>Family name of 8 random letters (seeded by the patient number), e.g. "Kqzmbtra^Given".</summary>
    public static string PatientName(int patient)
    {
        var random = new Random(patient);
        var name = new StringBuilder(16);
        name.Append((char)('A' + random.Next(26)));
        for (var i = 0; i < 7; i++)
        {
            name.Append((char)('a' + random.Next(26)));
        }

        return name.Append("^Given").ToString();
    }

    public IndexEntry Entry(long number)
    {
        var patient = (int)(number / InstancesPerPatient);
        var inPatient = (int)(number % InstancesPerPatient);
        var study = inPatient / (SeriesPerStudy * InstancesPerSeries);
        var series = inPatient / InstancesPerSeries % SeriesPerStudy;
        var instance = inPatient % InstancesPerSeries;
        var studyUid = string.Create(CultureInfo.InvariantCulture, $"{Root}.{patient}.{study + 1}");
        var seriesUid = string.Create(CultureInfo.InvariantCulture, $"{studyUid}.{series + 1}");
        var sopUid = string.Create(CultureInfo.InvariantCulture, $"{seriesUid}.{instance + 1}");
        var values = new Dictionary<DicomTag, string>
        {
            [DicomTags.PatientName] = PatientName(patient),
            [DicomTags.PatientID] = PatientId(patient),
            [DicomTags.PatientBirthDate] = string.Create(CultureInfo.InvariantCulture, $"19{40 + (patient % 60):D2}0{1 + (patient % 9)}1{patient % 10}"),
            [DicomTags.PatientSex] = patient % 2 == 0 ? "F" : "M",
            [DicomTags.StudyInstanceUID] = studyUid,
            [DicomTags.StudyDate] = string.Create(CultureInfo.InvariantCulture, $"20{10 + (patient % 16):D2}{1 + (patient % 12):D2}{1 + (patient % 28):D2}"),
            [DicomTags.StudyTime] = string.Create(CultureInfo.InvariantCulture, $"{patient % 24:D2}{patient % 60:D2}00.000000"),
            [DicomTags.AccessionNumber] = string.Create(CultureInfo.InvariantCulture, $"A{patient:D8}{study}"),
            [DicomTags.StudyID] = (study + 1).ToString(CultureInfo.InvariantCulture),
            [DicomTags.ReferringPhysicianName] = "Smith^John",
            [DicomTags.StudyDescription] = "CT CHEST WITH CONTRAST",
            [DicomTags.SeriesInstanceUID] = seriesUid,
            [DicomTags.Modality] = "CT",
            [DicomTags.SeriesNumber] = (series + 1).ToString(CultureInfo.InvariantCulture),
            [DicomTags.SeriesDescription] = "AXIAL 5MM",
            [DicomTags.BodyPartExamined] = "CHEST",
            [DicomTags.InstitutionName] = "General Hospital",
            [DicomTags.SOPInstanceUID] = sopUid,
            [DicomTags.SOPClassUID] = DicomUids.CTImageStorage,
            [DicomTags.InstanceNumber] = (instance + 1).ToString(CultureInfo.InvariantCulture),
        };
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(sopUid)));
        var location = new BlobLocation("fs", StoragePaths.For(studyUid, seriesUid, sopUid, digest), DicomUids.ExplicitVRLittleEndian, 525_312, digest, digest, _frames);
        return new IndexEntry(values, _attributes, location);
    }
}
