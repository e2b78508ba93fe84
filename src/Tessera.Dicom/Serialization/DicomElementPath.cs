using System.Globalization;
using System.Text;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Where an element sits in a dataset: the chain of sequence elements and item indices that lead
/// to it. Handed to a bulk data URI factory so it can name the value (PS3.18 F.2.6 leaves the URI
/// to the origin server), e.g. <c>00540016[0].00181072</c>.
/// </summary>
public sealed class DicomElementPath
{
    public DicomElementPath(DicomElementPath? sequence, int itemIndex, DicomTag tag)
    {
        if (sequence is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(itemIndex);
        }

        Sequence = sequence;
        ItemIndex = sequence is null ? -1 : itemIndex;
        Tag = tag;
    }

    /// <summary>The path of the sequence whose item holds the element, or null at top level.</summary>
    public DicomElementPath? Sequence { get; }

    /// <summary>Zero-based index of the item in <see cref="Sequence"/>, or -1 at top level.</summary>
    public int ItemIndex { get; }

    public DicomTag Tag { get; }

    /// <summary>Number of sequence levels above the element (0 at top level).</summary>
    public int Depth => Sequence is null ? 0 : Sequence.Depth + 1;

    /// <summary>Tags as 8 upper-case hex digits, items as zero-based [index], levels joined by '.'.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (Sequence is not null)
        {
            Sequence.Append(builder);
            builder.Append(CultureInfo.InvariantCulture, $"[{ItemIndex}].");
        }

        builder.Append(CultureInfo.InvariantCulture, $"{Tag.Value:X8}");
    }
}
