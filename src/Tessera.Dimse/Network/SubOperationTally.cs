using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>The counters of a C-MOVE or C-GET (PS3.7 9.3.3.2) and the UIDs of the failed sub-operations.</summary>
internal sealed class SubOperationTally(int total)
{
    private int _remaining = total;
    private int _completed;
    private int _failed;
    private int _warning;

    public List<string> FailedUids { get; } = [];

    /// <summary>The counts as sent; the fields are 16-bit (US), so larger numbers saturate.</summary>
    public SubOperationCounts Counts => new(Clamp(_remaining), Clamp(_completed), Clamp(_failed), Clamp(_warning));

    public void Record(DicomInstanceSource instance, DimseStatus status)
    {
        _remaining--;
        switch (status.Category)
        {
            case DimseStatusCategory.Success:
                _completed++;
                break;
            case DimseStatusCategory.Warning:
                _warning++;
                break;
            default:
                _failed++;
                FailedUids.Add(instance.SopInstanceUid);
                break;
        }
    }

    public SubOperationCounts FailAll(IEnumerable<DicomInstanceSource> instances)
    {
        foreach (var instance in instances)
        {
            Record(instance, DimseStatus.ProcessingFailure);
        }

        return Counts;
    }

    private static ushort Clamp(int value) => (ushort)Math.Clamp(value, 0, ushort.MaxValue);
}
