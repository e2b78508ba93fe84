using Tessera.Archive.Query;

namespace Tessera.Archive.Dimse;

/// <summary>
/// Retrieve AE Title (0008,0054) and Instance Availability (0008,0056) in a C-FIND: not attributes of the stored
/// instances but of where and how the archive holds them (PS3.4 C.4.1.1.3.2). A viewer asks for them to know which AE
/// to retrieve from: every match is held here, on line, so each is answered with the called AE title and ONLINE. A
/// value in the request matches when it names them (a universal match, the title, or ONLINE); any other value matches
/// nothing, as nothing is held elsewhere or off line.
/// </summary>
internal sealed class RetrieveLocationKeys
{
    private const string Online = "ONLINE";

    private readonly string _aeTitle;
    private readonly bool _returnAETitle;
    private readonly bool _returnAvailability;

    private RetrieveLocationKeys(string aeTitle, bool returnAETitle, bool returnAvailability, bool matchesNothing)
    {
        _aeTitle = aeTitle;
        _returnAETitle = returnAETitle;
        _returnAvailability = returnAvailability;
        MatchesNothing = matchesNothing;
    }

    /// <summary>Whether a value asked for another AE or another availability, which no match of this archive has.</summary>
    public bool MatchesNothing { get; }

    /// <summary>
    /// Reads the two keys from <paramref name="identifier"/> and returns it without them, for the archive's query, which
    /// knows only stored attributes; the identifier itself is left as it is.
    /// </summary>
    public static RetrieveLocationKeys Take(DicomDataset identifier, string calledAETitle, out DicomDataset rest)
    {
        var aeTitle = calledAETitle.Trim();
        var askedTitle = identifier.Contains(DicomTags.RetrieveAETitle);
        var askedAvailability = identifier.Contains(DicomTags.InstanceAvailability);
        if (!askedTitle && !askedAvailability)
        {
            rest = identifier;
            return new RetrieveLocationKeys(aeTitle, false, false, matchesNothing: false);
        }

        var matchesNothing = !Names(identifier.GetStrings(DicomTags.RetrieveAETitle), aeTitle)
            || !Names(identifier.GetStrings(DicomTags.InstanceAvailability), Online);
        rest = new DicomDataset(identifier.Where(element => element.Tag != DicomTags.RetrieveAETitle && element.Tag != DicomTags.InstanceAvailability));
        return new RetrieveLocationKeys(aeTitle, askedTitle, askedAvailability, matchesNothing);
    }

    /// <summary>Adds the keys asked for to a match.</summary>
    public DicomDataset Complete(DicomDataset match)
    {
        if (_returnAETitle)
        {
            match.AddOrUpdate(DicomTags.RetrieveAETitle, DicomVR.AE, _aeTitle);
        }

        if (_returnAvailability)
        {
            match.AddOrUpdate(DicomTags.InstanceAvailability, DicomVR.CS, Online);
        }

        return match;
    }

    /// <summary>Absent, empty, or a value (one of several, each possibly with wildcards, C.2.2.2.4) that matches <paramref name="ours"/>.</summary>
    private static bool Names(string[] values, string ours) =>
        values.Length == 0 || values.All(string.IsNullOrWhiteSpace) || values.Any(value => new Matcher.Wildcard(value.Trim()).Matches(ours));
}
