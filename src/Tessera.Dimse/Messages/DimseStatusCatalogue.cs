namespace Tessera.Dimse.Messages;

/// <summary>
/// Lookup in the DIMSE status catalogue. The rows are generated (DimseStatusCatalogue.g.cs) from
/// tools/Tessera.Generator/standard/dimse-statuses.tsv, edition 2026b.
/// </summary>
public static partial class DimseStatusCatalogue
{
    private const DimseStatusCategory Warning = DimseStatusCategory.Warning;
    private const DimseStatusCategory Failure = DimseStatusCategory.Failure;

    /// <summary>The first catalogue row covering <paramref name="code"/>, or null for a code the catalogue does not know.</summary>
    public static DimseStatusEntry? Find(ushort code)
    {
        foreach (var entry in Entries)
        {
            if (entry.Covers(code))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The class of any code: from the catalogue, else by the ranges of PS3.7 Annex C (Bxxx warning, Axxx and
    /// Cxxx failure). An unknown code is treated as a failure: a peer must never read an unknown status as success.
    /// </summary>
    public static DimseStatusCategory Categorize(ushort code) => Find(code)?.Category ?? (code switch
    {
        >= 0xB000 and <= 0xBFFF => Warning,
        _ => Failure,
    });
}
