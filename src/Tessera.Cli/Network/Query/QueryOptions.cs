using System.CommandLine;
using Tessera.Dicom;

namespace Tessera.Cli.Network.Query;

/// <summary>
/// The identifier options C-FIND, C-MOVE and C-GET share, as DCMTK's findscu/movescu/getscu spell them: `-k KEY=VALUE`
/// (keyword or gggg,eeee), the information model (`--patient-root`, `--study-root`) and `--level` for Query/Retrieve
/// Level (0008,0052), PS3.4 C.4.
/// </summary>
internal sealed class QueryOptions
{
    public Option<string[]> Keys { get; } = new("--key", "-k")
    {
        Description = "a matching or return key, KEY=VALUE or KEY alone (universal match); KEY is a keyword (PatientName) or gggg,eeee",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public Option<bool> PatientRoot { get; } = new("--patient-root", "-P") { Description = "Patient Root information model" };

    public Option<bool> StudyRoot { get; } = new("--study-root", "-S") { Description = "Study Root information model (the default)" };

    public Option<string> Level { get; } = new("--level", "-L") { Description = "Query/Retrieve Level: PATIENT, STUDY, SERIES or IMAGE (default STUDY)", DefaultValueFactory = _ => "STUDY" };

    public void AddTo(Command command)
    {
        command.Options.Add(Keys);
        command.Options.Add(PatientRoot);
        command.Options.Add(StudyRoot);
        command.Options.Add(Level);
        Level.AcceptOnlyFromAmong("PATIENT", "STUDY", "SERIES", "IMAGE");
        Keys.Validators.Add(result =>
        {
            foreach (var key in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (Parse(key, out _) is { } problem)
                {
                    result.AddError(problem);
                }
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(PatientRoot) && result.GetValue(StudyRoot))
            {
                result.AddError("--patient-root and --study-root exclude each other");
            }
        });
    }

    public bool IsPatientRoot(ParseResult parseResult) => parseResult.GetValue(PatientRoot);

    /// <summary>The identifier: Query/Retrieve Level first (when <paramref name="withLevel"/>), then the keys in order given.</summary>
    public DicomDataset Identifier(ParseResult parseResult, bool withLevel = true)
    {
        var identifier = new DicomDataset();
        if (withLevel)
        {
            identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, parseResult.GetValue(Level)!);
        }

        foreach (var key in parseResult.GetValue(Keys) ?? [])
        {
            Parse(key, out var element);
            if (element.VR == DicomVR.SQ)
            {
                // An empty sequence asks for the sequence with all its attributes (PS3.4 C.2.2.2.6).
                identifier.Remove(element.Tag);
                identifier.Add(new DicomSequence(element.Tag));
            }
            else
            {
                identifier.AddOrUpdate(element.Tag, element.VR, element.Value.Length == 0 ? [] : element.Value.Split('\\'));
            }
        }

        return identifier;
    }

    /// <summary>Null when <paramref name="key"/> is usable, else why not.</summary>
    internal static string? Parse(string key, out (DicomTag Tag, DicomVR VR, string Value) element)
    {
        var equals = key.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? key : key[..equals]).Trim();
        var value = equals < 0 ? string.Empty : key[(equals + 1)..];
        element = default;
        DicomTag tag;
        if (DicomDictionary.Find(name) is { } entry)
        {
            tag = new DicomTag(entry.Value);
        }
        else if (!DicomTag.TryParse(name.Trim('(', ')'), out tag))
        {
            return $"-k {key}: '{name}' is neither a PS3.6 keyword nor gggg,eeee";
        }

        var vr = DicomDictionary.GetVR(tag);
        if (vr == DicomVR.SQ && value.Length > 0)
        {
            return $"-k {key}: {name} is a sequence; only an empty (universal) sequence key can be given here";
        }

        element = (tag, vr, value);
        return null;
    }
}
