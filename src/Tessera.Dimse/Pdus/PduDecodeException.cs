namespace Tessera.Dimse.Pdus;

/// <summary>
/// A PDU that cannot be accepted as received. <see cref="Reason"/> is the A-ABORT reason the state
/// machine sends (Evt19 → AA-8 / AA-1 / AA-7, PS3.8 9.2).
/// </summary>
public sealed class PduDecodeException : Exception
{
    public PduDecodeException()
    {
    }

    public PduDecodeException(string message)
        : base(message)
    {
    }

    public PduDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PduDecodeException(AbortReason reason, string message)
        : base(message) => Reason = reason;

    public AbortReason Reason { get; } = AbortReason.InvalidPduParameterValue;
}
