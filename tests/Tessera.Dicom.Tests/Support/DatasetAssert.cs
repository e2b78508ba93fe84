using Tessera.Dicom.IO;
using Xunit.Sdk;

namespace Tessera.Dicom.Tests.Support;

/// <summary>
/// Element-by-element dataset equality for round-trip tests: tags, VRs, value bytes (bulk data
/// compared by streaming), sequence structure and encapsulated fragments. Failures name the path
/// of the first difference, e.g. <c>(0040,0275)[1].(0008,0100)</c>. Shared: any branch may use it.
/// </summary>
public static class DatasetAssert
{
    /// <summary>Asserts <paramref name="actual"/> holds the same elements as <paramref name="expected"/>.</summary>
    public static void Equal(DicomDataset expected, DicomDataset actual, DatasetComparison? comparison = null)
    {
        var difference = FindDifference(expected, actual, comparison ?? DatasetComparison.Exact);
        if (difference is not null)
        {
            throw new XunitException($"datasets differ: {difference}");
        }
    }

    /// <summary>The first difference as text, or null when the datasets are equal.</summary>
    public static string? FindDifference(DicomDataset expected, DicomDataset actual, DatasetComparison comparison)
    {
        return CompareDatasets(expected, actual, comparison, string.Empty);
    }

    private static string? CompareDatasets(DicomDataset expected, DicomDataset actual, DatasetComparison comparison, string path)
    {
        var left = expected.Where(e => comparison.Includes(e.Tag)).ToList();
        var right = actual.Where(e => comparison.Includes(e.Tag)).ToList();
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            if (i >= left.Count)
            {
                return $"{path}{right[i].Tag}: unexpected element {right[i]}";
            }

            if (i >= right.Count || right[i].Tag != left[i].Tag)
            {
                return $"{path}{left[i].Tag}: missing (found {(i < right.Count ? right[i].ToString() : "end of dataset")})";
            }

            var difference = CompareElements(left[i], right[i], comparison, $"{path}{left[i].Tag}");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? CompareElements(DicomElement expected, DicomElement actual, DatasetComparison comparison, string path)
    {
        if (expected.VR != actual.VR && !comparison.AcceptsVR(expected, actual))
        {
            return $"{path}: VR {expected.VR.Code()} expected, {actual.VR.Code()} found";
        }

        switch (expected, actual)
        {
            case (DicomValueElement e, DicomValueElement a):
                return CompareValues(e.Value, a.Value, comparison.PaddingFor(e.VR), comparison, path);
            case (DicomSequence e, DicomSequence a):
                if (e.Items.Count != a.Items.Count)
                {
                    return $"{path}: {e.Items.Count} items expected, {a.Items.Count} found";
                }

                for (var i = 0; i < e.Items.Count; i++)
                {
                    var difference = CompareDatasets(e.Items[i], a.Items[i], comparison, $"{path}[{i + 1}].");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case (DicomFragmentSequence e, DicomFragmentSequence a):
                if (e.Fragments.Count != a.Fragments.Count)
                {
                    return $"{path}: {e.Fragments.Count} fragments expected, {a.Fragments.Count} found";
                }

                var bot = CompareValues(e.BasicOffsetTable, a.BasicOffsetTable, null, comparison, $"{path} offset table");
                if (bot is not null)
                {
                    return bot;
                }

                for (var i = 0; i < e.Fragments.Count; i++)
                {
                    var difference = CompareValues(e.Fragments[i], a.Fragments[i], comparison.PadOddValues ? (byte)0 : null, comparison, $"{path} fragment {i + 1}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return $"{path}: {expected.GetType().Name} expected, {actual.GetType().Name} found";
        }
    }

    /// <summary>Compares value bytes; with <paramref name="padding"/>, an odd expected value may come back with that one byte appended.</summary>
    private static string? CompareValues(DicomValue expected, DicomValue actual, byte? padding, DatasetComparison comparison, string path)
    {
        var lengthsMatch = expected.Length == actual.Length
            || (padding is not null && (expected.Length & 1) == 1 && actual.Length == expected.Length + 1);
        if (!lengthsMatch)
        {
            return $"{path}: {expected.Length} bytes expected, {actual.Length} found";
        }

        using var left = expected.OpenRead();
        using var right = actual.OpenRead();
        var a = new byte[64 * 1024];
        var b = new byte[64 * 1024];
        long offset = 0;
        while (offset < expected.Length)
        {
            var want = (int)Math.Min(a.Length, expected.Length - offset);
            left.ReadExactly(a, 0, want);
            right.ReadExactly(b, 0, want);
            var mismatch = a.AsSpan(0, want).CommonPrefixLength(b.AsSpan(0, want));
            if (mismatch < want)
            {
                return $"{path}: byte {offset + mismatch} is {b[mismatch]:X2}, expected {a[mismatch]:X2}";
            }

            offset += want;
        }

        if (actual.Length > expected.Length)
        {
            var pad = right.ReadByte();
            if (pad != padding && !(comparison.AnyPadding && pad is 0 or 0x20))
            {
                return $"{path}: padding byte {pad:X2}, expected {padding:X2}";
            }
        }

        return null;
    }
}
