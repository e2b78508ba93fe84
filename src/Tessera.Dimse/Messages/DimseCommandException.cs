namespace Tessera.Dimse.Messages;

/// <summary>A command set that cannot be parsed; the service layer answers with an error status or aborts.</summary>
public sealed class DimseCommandException : Exception
{
    public DimseCommandException()
    {
    }

    public DimseCommandException(string message)
        : base(message)
    {
    }

    public DimseCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
