namespace Tessera.Dicom.Tests.Support;

/// <summary>Transfer syntax sets the writer tests iterate over.</summary>
public static class Syntaxes
{
    /// <summary>The four native (uncompressed) syntaxes: the ones re-encoding moves between.</summary>
    public static IReadOnlyList<DicomTransferSyntax> Native { get; } =
    [
        DicomTransferSyntax.ImplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRBigEndian,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
    ];
}
