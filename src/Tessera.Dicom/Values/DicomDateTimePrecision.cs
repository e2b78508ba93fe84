namespace Tessera.Dicom.Values;

/// <summary>
/// The last component a DT or TM value gives (PS3.5 6.2): values may be truncated on the right,
/// and a truncated value stands for the whole period it implies (PS3.4 C.2.2.2.5).
/// </summary>
public enum DicomDateTimePrecision
{
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,

    /// <summary>Seconds with 1 to 6 fractional digits.</summary>
    Fraction,
}
