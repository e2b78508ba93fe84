namespace Tessera.Dimse;

/// <summary>The few UIDs the network layer itself needs (PS3.6 Annex A, PS3.7 Annex A).</summary>
public static class DimseUids
{
    /// <summary>DICOM Application Context Name (PS3.7 A.2.1).</summary>
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

    /// <summary>Verification SOP Class (PS3.4 A.4).</summary>
    public const string Verification = "1.2.840.10008.1.1";

    /// <summary>Implicit VR Little Endian, the default transfer syntax every acceptor supports (PS3.5 10.1).</summary>
    public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";

    /// <summary>Explicit VR Little Endian (PS3.5 A.2).</summary>
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>Tessera's implementation class UID, under the UUID-derived root 2.25 (PS3.5 B.2).</summary>
    public const string TesseraImplementationClassUid = "2.25.166744395113196870154373062637532211209";

    /// <summary>Tessera's implementation version name (at most 16 characters, PS3.7 D.3.3.2.3).</summary>
    public const string TesseraImplementationVersionName = "TESSERA_010";
}
