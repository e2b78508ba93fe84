using Tessera.Dicom.IO;

namespace Tessera.Archive.Tests.Support;

/// <summary>Synthesised instances, written with the toolkit's writer.</summary>
internal static class Instances
{
    public sealed record Spec
    {
        public string PatientId { get; init; } = "P1";

        public string PatientName { get; init; } = "Doe^Jane";

        public string StudyUid { get; init; } = "1.2.826.0.1.3680043.10.1.1";

        public string SeriesUid { get; init; } = "1.2.826.0.1.3680043.10.1.1.1";

        public string SopUid { get; init; } = "1.2.826.0.1.3680043.10.1.1.1.1";

        public string SopClassUid { get; init; } = DicomUids.CTImageStorage;

        public string Modality { get; init; } = "CT";

        public string StudyDate { get; init; } = "20240115";

        public string StudyTime { get; init; } = "101500";

        public string AccessionNumber { get; init; } = "ACC1";

        public string StudyDescription { get; init; } = "CHEST";

        public string ReferringPhysician { get; init; } = "Smith^John";

        public string InstanceNumber { get; init; } = "1";

        public string StationName { get; init; } = "CT01";

        public int Rows { get; init; } = 16;

        public int Columns { get; init; } = 16;

        public int Frames { get; init; } = 1;

        /// <summary>Code Value of the Procedure Code Sequence's one item (scheme "LN"); none when null.</summary>
        public string? ProcedureCode { get; init; }

        /// <summary>Operators' Name (0008,1070), a person name the index has no column for; none when null.</summary>
        public string? OperatorsName { get; init; }

        /// <summary>Varies the pixel bytes, so the same UIDs can carry different content.</summary>
        public byte Seed { get; init; }
    }

    public static DicomDataset Dataset(Spec spec)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, spec.SopClassUid);
        dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, spec.SopUid);
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, spec.StudyDate);
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, spec.StudyTime);
        dataset.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, spec.AccessionNumber);
        dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, spec.Modality);
        dataset.AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, spec.ReferringPhysician);
        dataset.AddOrUpdate(DicomTags.StationName, DicomVR.SH, spec.StationName);
        dataset.AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, spec.StudyDescription);
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, spec.PatientName);
        dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, spec.PatientId);
        dataset.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        dataset.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "F");
        dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, spec.StudyUid);
        dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, spec.SeriesUid);
        dataset.AddOrUpdate(DicomTags.StudyID, DicomVR.SH, "S1");
        dataset.AddOrUpdate(DicomTags.SeriesNumber, DicomVR.IS, "1");
        dataset.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, spec.InstanceNumber);
        dataset.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        if (spec.OperatorsName is { } operators)
        {
            dataset.AddOrUpdate(DicomTags.OperatorsName, DicomVR.PN, operators);
        }

        if (spec.ProcedureCode is { } code)
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, code);
            item.AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, "LN");
            item.AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, "Procedure " + code);
            dataset.Add(new DicomSequence(DicomTags.ProcedureCodeSequence, [item]));
        }

        if (spec.Frames > 1)
        {
            dataset.AddOrUpdate(DicomTags.NumberOfFrames, DicomVR.IS, spec.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        dataset.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)spec.Rows);
        dataset.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)spec.Columns);
        dataset.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        dataset.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)12);
        dataset.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)11);
        dataset.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        dataset.Add(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, Pixels(spec)));
        return dataset;
    }

    /// <summary>Frame f's bytes: every byte is (f + seed + offset) mod 251, so frames differ and can be recognised.</summary>
    public static byte[] Pixels(Spec spec)
    {
        var frameLength = spec.Rows * spec.Columns * 2;
        var bytes = new byte[frameLength * spec.Frames];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(((i / frameLength) * 7 + spec.Seed + i) % 251);
        }

        return bytes;
    }

    public static byte[] Part10(Spec spec, DicomTransferSyntax? syntax = null)
    {
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, null, Dataset(spec), syntax ?? DicomTransferSyntax.ExplicitVRLittleEndian);
        return stream.ToArray();
    }

    public static byte[] BareDataset(Spec spec, DicomTransferSyntax syntax)
    {
        using var stream = new MemoryStream();
        new DicomWriter(syntax).Write(stream, Dataset(spec));
        return stream.ToArray();
    }

    /// <summary>An encapsulated instance: each frame split into <paramref name="fragmentsPerFrame"/> fragments, with a Basic Offset Table.</summary>
    public static byte[] Encapsulated(Spec spec, int fragmentsPerFrame, bool withOffsetTable)
    {
        var dataset = Dataset(spec);
        dataset.Remove(DicomTags.PixelData);
        var pixels = Pixels(spec);
        var frameLength = pixels.Length / spec.Frames;
        var fragments = new List<DicomValue>();
        var offsets = new List<uint>();
        uint position = 0;
        for (var frame = 0; frame < spec.Frames; frame++)
        {
            offsets.Add(position);
            var part = frameLength / fragmentsPerFrame;
            for (var k = 0; k < fragmentsPerFrame; k++)
            {
                var length = k == fragmentsPerFrame - 1 ? frameLength - (part * k) : part;
                fragments.Add(new DicomValue(pixels.AsMemory((frame * frameLength) + (part * k), length)));
                position += (uint)(8 + length);
            }
        }

        var table = withOffsetTable ? offsets.SelectMany(BitConverter.GetBytes).ToArray() : [];
        dataset.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, new DicomValue(table), fragments));
        using var stream = new MemoryStream();

        // JPEG Lossless SV1: any encapsulated syntax will do; the archive never decodes.
        DicomFileWriter.Write(stream, null, dataset, DicomTransferSyntax.Lookup("1.2.840.10008.1.2.4.70"));
        return stream.ToArray();
    }
}
