namespace Tessera.Dimse.Pdus;

/// <summary>
/// The reason/diag. values of A-ASSOCIATE-RJ (PS3.8 Table 9-21). Their meaning depends on the source,
/// so the constants are grouped by source and the PDU carries the raw byte.
/// </summary>
public static class AssociateRejectReason
{
    /// <summary>Source 1 (service-user): no reason given.</summary>
    public const byte UserNoReasonGiven = 1;

    /// <summary>Source 1: application context name not supported.</summary>
    public const byte ApplicationContextNameNotSupported = 2;

    /// <summary>Source 1: calling AE title not recognized.</summary>
    public const byte CallingAETitleNotRecognized = 3;

    /// <summary>Source 1: called AE title not recognized.</summary>
    public const byte CalledAETitleNotRecognized = 7;

    /// <summary>Source 2 (service-provider, ACSE): no reason given.</summary>
    public const byte AcseNoReasonGiven = 1;

    /// <summary>Source 2: protocol version not supported.</summary>
    public const byte ProtocolVersionNotSupported = 2;

    /// <summary>Source 3 (service-provider, presentation): temporary congestion.</summary>
    public const byte TemporaryCongestion = 1;

    /// <summary>Source 3: local limit exceeded.</summary>
    public const byte LocalLimitExceeded = 2;
}
