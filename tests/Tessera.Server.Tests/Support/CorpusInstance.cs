using Tessera.Dicom.IO;

namespace Tessera.Server.Tests.Support;

/// <summary>What a test expects of one stored corpus file, read from the file itself with the toolkit (not from the archive).</summary>
internal sealed record CorpusInstance(
    string File,
    string PatientId,
    string PatientName,
    string StudyInstanceUid,
    string StudyDate,
    string SeriesInstanceUid,
    string Modality,
    string SopInstanceUid,
    string SopClassUid,
    string TransferSyntaxUid,
    string StudyTime = "")
{
    public static CorpusInstance Read(string path)
    {
        var file = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true });
        var ds = file.Dataset;
        string Get(DicomTag tag) => (ds.GetString(tag) ?? string.Empty).Trim();
        return new CorpusInstance(
            path,
            Get(DicomTags.PatientID),
            Get(DicomTags.PatientName),
            Get(DicomTags.StudyInstanceUID),
            Get(DicomTags.StudyDate),
            Get(DicomTags.SeriesInstanceUID),
            Get(DicomTags.Modality),
            Get(DicomTags.SOPInstanceUID),
            Get(DicomTags.SOPClassUID),
            file.TransferSyntax.Uid,
            Get(DicomTags.StudyTime));
    }
}
