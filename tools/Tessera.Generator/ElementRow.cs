namespace Tessera.Generator;

/// <summary>One row of standard/elements.tsv (PS3.6 Tables 6-1, 7-1, 8-1 and 9-1).</summary>
/// <param name="Tag">GGGGEEEE as PS3.6 writes it, with lower-case x for a repeating digit.</param>
/// <param name="ValueRepresentations">Two-letter codes; empty for NONE.</param>
public sealed record ElementRow(
    string Tag,
    uint Value,
    uint Mask,
    string VR,
    IReadOnlyList<string> ValueRepresentations,
    string ValueMultiplicity,
    string Keyword,
    string Name,
    bool IsRetired)
{
    public bool IsMasked => Mask != 0xFFFFFFFF;

    /// <summary>(GGGG,EEEE) keeping the x digits, as PS3.6 prints the tag.</summary>
    public string DisplayTag => $"({Tag[..4].ToUpperInvariant().Replace('X', 'x')},{Tag[4..].ToUpperInvariant().Replace('X', 'x')})";
}
