namespace Tessera.Dimse.Network;

/// <summary>The association ended (abort, transport loss, timeout) while an operation was waiting on it.</summary>
public sealed class DicomAssociationAbortedException : Exception
{
    public DicomAssociationAbortedException()
    {
    }

    public DicomAssociationAbortedException(string message)
        : base(message)
    {
    }

    public DicomAssociationAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
