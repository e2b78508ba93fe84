namespace Tessera.Dicom.Values;

/// <summary>
/// Parses a range matching value "A-B", "A-", "-B" or "A" (PS3.4 C.2.2.2.5) whose ends are
/// DA, TM or DT. A '-' can also belong to a value (a DT offset "-0500", a lenient DA "1995-05-12"), so
/// every '-' is tried as the separator: an ordered range wins, then a single value, then a reversed range.
/// </summary>
internal static class DicomRangeText
{
    public delegate bool SpanParser<T>(ReadOnlySpan<char> text, DicomParseMode mode, out T value, out string? error);

    public static bool TryParse<T>(
        ReadOnlySpan<char> text,
        DicomParseMode mode,
        string vr,
        SpanParser<T> parse,
        out T? start,
        out T? end,
        out string? error)
        where T : struct, IComparable<T>
    {
        start = end = null;
        var original = text;
        if (mode == DicomParseMode.Lenient)
        {
            text = DicomValueText.TrimPadding(text);
        }

        if (text.IsEmpty || text is "-")
        {
            error = $"{vr} range {DicomValueText.Quote(original)} has neither start nor end";
            return false;
        }

        string? firstError = null;
        for (var i = text.IndexOf('-'); i >= 0; i = NextDash(text, i))
        {
            if (TrySplitAt(text, i, mode, parse, requireOrder: true, out start, out end, out var reason))
            {
                error = null;
                return true;
            }

            firstError ??= reason;
        }

        if (parse(text, mode, out var single, out var singleError))
        {
            start = end = single;
            error = null;
            return true;
        }

        if (text.IndexOf('-') < 0)
        {
            error = singleError;
            return false;
        }

        for (var i = text.IndexOf('-'); i >= 0; i = NextDash(text, i))
        {
            if (TrySplitAt(text, i, mode, parse, requireOrder: false, out start, out end, out _))
            {
                error = null;
                return true;
            }
        }

        error = $"{vr} range {DicomValueText.Quote(original)}: {firstError}";
        return false;
    }

    private static int NextDash(ReadOnlySpan<char> text, int previous)
    {
        var next = text[(previous + 1)..].IndexOf('-');
        return next < 0 ? -1 : previous + 1 + next;
    }

    private static bool TrySplitAt<T>(
        ReadOnlySpan<char> text,
        int separator,
        DicomParseMode mode,
        SpanParser<T> parse,
        bool requireOrder,
        out T? start,
        out T? end,
        out string? error)
        where T : struct, IComparable<T>
    {
        start = end = null;
        var left = text[..separator];
        var right = text[(separator + 1)..];
        if (mode == DicomParseMode.Lenient)
        {
            left = DicomValueText.TrimPadding(left);
            right = DicomValueText.TrimPadding(right);
        }

        error = null;
        if (!left.IsEmpty)
        {
            if (!parse(left, mode, out var value, out error))
            {
                return false;
            }

            start = value;
        }

        if (!right.IsEmpty)
        {
            if (!parse(right, mode, out var value, out error))
            {
                return false;
            }

            end = value;
        }

        if (requireOrder && start is { } a && end is { } b && a.CompareTo(b) > 0)
        {
            error = $"start {a} is later than end {b}";
            return false;
        }

        return true;
    }
}
