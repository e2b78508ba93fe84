namespace Tessera.Dicom.Values;

/// <summary>The unit letter of an AS value (PS3.5 6.2); each member's value is its letter.</summary>
public enum DicomAgeUnit
{
    Days = 'D',
    Weeks = 'W',
    Months = 'M',
    Years = 'Y',
}
