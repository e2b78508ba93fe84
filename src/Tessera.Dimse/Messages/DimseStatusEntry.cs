namespace Tessera.Dimse.Messages;

/// <summary>One row of the status catalogue: a code or a range of codes, its class, keyword and meaning, the services that use it and where the standard defines it.</summary>
public sealed record DimseStatusEntry(ushort Low, ushort High, DimseStatusCategory Category, string Keyword, string Meaning, string Services, string Reference = "")
{
    public DimseStatusEntry(ushort code, DimseStatusCategory category, string keyword, string meaning, string services)
        : this(code, code, category, keyword, meaning, services)
    {
    }

    public bool Covers(ushort code) => code >= Low && code <= High;
}
