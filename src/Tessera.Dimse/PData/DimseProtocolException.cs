namespace Tessera.Dimse.PData;

/// <summary>P-DATA that breaks the DIMSE message structure (PS3.7 6.3.1, PS3.8 E.2); the association is aborted.</summary>
public sealed class DimseProtocolException : Exception
{
    public DimseProtocolException()
    {
    }

    public DimseProtocolException(string message)
        : base(message)
    {
    }

    public DimseProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
