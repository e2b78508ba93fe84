using System.Buffers.Binary;
using System.Globalization;

namespace Tessera.Dicom.Serialization;

/// <summary>Binary values (US, SS, UL, SL, FL, FD, SV, UV, AT) as the text of PS3.19 Value elements.</summary>
internal static class BinaryValueText
{
    public static string?[] Format(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var size = vr.ValueSize();
        var values = new string?[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            var item = bytes.Slice(i * size, size);
            values[i] = vr switch
            {
                DicomVR.US => BinaryPrimitives.ReadUInt16LittleEndian(item).ToString(CultureInfo.InvariantCulture),
                DicomVR.SS => BinaryPrimitives.ReadInt16LittleEndian(item).ToString(CultureInfo.InvariantCulture),
                DicomVR.UL => BinaryPrimitives.ReadUInt32LittleEndian(item).ToString(CultureInfo.InvariantCulture),
                DicomVR.SL => BinaryPrimitives.ReadInt32LittleEndian(item).ToString(CultureInfo.InvariantCulture),
                DicomVR.SV => BinaryPrimitives.ReadInt64LittleEndian(item).ToString(CultureInfo.InvariantCulture),
                DicomVR.UV => BinaryPrimitives.ReadUInt64LittleEndian(item).ToString(CultureInfo.InvariantCulture),
                DicomVR.FL => FormatFloatingPoint(BinaryPrimitives.ReadSingleLittleEndian(item)),
                DicomVR.FD => FormatFloatingPoint(BinaryPrimitives.ReadDoubleLittleEndian(item)),
                DicomVR.AT => string.Create(CultureInfo.InvariantCulture, $"{BinaryPrimitives.ReadUInt16LittleEndian(item):X4}{BinaryPrimitives.ReadUInt16LittleEndian(item[2..]):X4}"),
                _ => throw new ArgumentOutOfRangeException(nameof(vr), vr, "not a binary number VR"),
            };
        }

        return values;
    }

    /// <summary>Shortest round-trip digits; NaN, INF and -INF as xsd:double spells them.</summary>
    private static string FormatFloatingPoint(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "INF"
        : double.IsNegativeInfinity(value) ? "-INF"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string FormatFloatingPoint(float value) =>
        float.IsNaN(value) ? "NaN"
        : float.IsPositiveInfinity(value) ? "INF"
        : float.IsNegativeInfinity(value) ? "-INF"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
