namespace Tessera.Dimse.Network;

/// <summary>An operation ended with a failure status (where the API has no result to return it in).</summary>
public sealed class DimseStatusException : Exception
{
    public DimseStatusException(DimseResult result)
        : base($"{result?.Status}{(result?.ErrorComment is { } comment ? ": " + comment : string.Empty)}")
    {
        Result = result!;
    }

    public DimseStatusException()
    {
        Result = new DimseResult(Messages.DimseStatus.ProcessingFailure);
    }

    public DimseStatusException(string message)
        : base(message)
    {
        Result = new DimseResult(Messages.DimseStatus.ProcessingFailure, message);
    }

    public DimseStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Result = new DimseResult(Messages.DimseStatus.ProcessingFailure, message);
    }

    public DimseResult Result { get; }
}
