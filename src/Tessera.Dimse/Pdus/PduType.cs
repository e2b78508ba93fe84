namespace Tessera.Dimse.Pdus;

/// <summary>The PDU types of PS3.8 9.3.1 (first byte of every PDU).</summary>
public enum PduType : byte
{
    AAssociateRq = 0x01,
    AAssociateAc = 0x02,
    AAssociateRj = 0x03,
    PDataTf = 0x04,
    AReleaseRq = 0x05,
    AReleaseRp = 0x06,
    AAbort = 0x07,
}
