namespace Tessera.Dimse.Pdus;

/// <summary>A protocol data unit of the DICOM Upper Layer (PS3.8 9.3).</summary>
public abstract record Pdu
{
    /// <summary>Every PDU starts with type (1), reserved (1) and a big-endian length (4), PS3.8 9.3.1.</summary>
    public const int HeaderLength = 6;

    public abstract PduType Type { get; }
}
