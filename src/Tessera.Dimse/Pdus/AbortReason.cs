namespace Tessera.Dimse.Pdus;

/// <summary>Reason/diag. field of A-ABORT when the source is the service-provider (PS3.8 Table 9-26); 3 is reserved.</summary>
public enum AbortReason : byte
{
    ReasonNotSpecified = 0,
    UnrecognizedPdu = 1,
    UnexpectedPdu = 2,
    UnrecognizedPduParameter = 4,
    UnexpectedPduParameter = 5,
    InvalidPduParameterValue = 6,
}
