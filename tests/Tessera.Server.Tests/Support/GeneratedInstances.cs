using System.Numerics;
using Tessera.Dicom.IO;

namespace Tessera.Server.Tests.Support;

/// <summary>
/// Small Secondary Capture images made with the toolkit (64x64, 16 bits, distinct pixels), unique 2.25 UIDs, spread
/// over several studies and series, written once as Part 10 files (Explicit VR Little Endian) to a folder.
/// </summary>
internal sealed record GeneratedInstances(DirectoryInfo Folder, IReadOnlyList<GeneratedInstance> Instances)
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>Instance i goes to sub-folder i % <paramref name="parts"/>, so that several storescu processes can send a share each.</summary>
    public static GeneratedInstances Write(int count, int studies, int seriesPerStudy, string prefix, int parts = 1)
    {
        var folder = Directory.CreateTempSubdirectory(prefix);
        for (var part = 0; part < parts; part++)
        {
            folder.CreateSubdirectory(Part(part));
        }

        var random = new Random(count);
        var studyUids = Enumerable.Range(0, studies).Select(_ => NewUid()).ToArray();
        var seriesUids = studyUids.Select(_ => Enumerable.Range(0, seriesPerStudy).Select(_ => NewUid()).ToArray()).ToArray();
        var instances = new List<GeneratedInstance>(count);
        var pixels = new ushort[64 * 64];
        for (var i = 0; i < count; i++)
        {
            var study = i % studies;
            var series = i / studies % seriesPerStudy;
            var sop = NewUid();
            for (var p = 0; p < pixels.Length; p++)
            {
                pixels[p] = (ushort)random.Next(0, 4096);
            }

            var dataset = new DicomDataset();
            dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, SopClassUid);
            dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, sop);
            dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20260101");
            dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "OT");
            dataset.AddOrUpdate(DicomTags.ConversionType, DicomVR.CS, "WSD");
            dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, $"Fault^Patient{study}");
            dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, $"FAULT-{study}");
            dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, studyUids[study]);
            dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, seriesUids[study][series]);
            dataset.AddOrUpdate(DicomTags.StudyID, DicomVR.SH, $"S{study}");
            dataset.AddOrUpdate(DicomTags.SeriesNumber, DicomVR.IS, $"{series + 1}");
            dataset.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, $"{i + 1}");
            dataset.AddOrUpdate<ushort>(DicomTags.SamplesPerPixel, DicomVR.US, 1);
            dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
            dataset.AddOrUpdate<ushort>(DicomTags.Rows, DicomVR.US, 64);
            dataset.AddOrUpdate<ushort>(DicomTags.Columns, DicomVR.US, 64);
            dataset.AddOrUpdate<ushort>(DicomTags.BitsAllocated, DicomVR.US, 16);
            dataset.AddOrUpdate<ushort>(DicomTags.BitsStored, DicomVR.US, 12);
            dataset.AddOrUpdate<ushort>(DicomTags.HighBit, DicomVR.US, 11);
            dataset.AddOrUpdate<ushort>(DicomTags.PixelRepresentation, DicomVR.US, 0);
            dataset.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
            var path = Path.Combine(folder.FullName, Part(i % parts), $"{i:D5}.dcm");
            DicomFileWriter.Save(path, null, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
            instances.Add(new GeneratedInstance(path, sop, studyUids[study]));
        }

        return new GeneratedInstances(folder, instances);
    }

    public IEnumerable<string> Parts => Folder.GetDirectories().Select(d => d.FullName).Order(StringComparer.Ordinal);

    private static string Part(int part) => part.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A UID under 2.25 from a random UUID (PS3.5 B.2).</summary>
    private static string NewUid() => "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true, isBigEndian: true);
}
