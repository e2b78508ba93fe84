namespace Tessera.Dicom.Values;

/// <summary>
/// A PN value (PS3.5 6.2.1): up to three component groups separated by '=' — alphabetic,
/// ideographic, phonetic — each of five '^'-separated components. Equality is by component, so
/// "Doe^John^^^" equals "Doe^John".
/// </summary>
public sealed record DicomPersonName
{
    /// <summary>PS3.5 6.2: 64 characters maximum per component group.</summary>
    public const int MaximumGroupLength = 64;

    public DicomPersonName(DicomPersonNameGroup alphabetic, DicomPersonNameGroup? ideographic = null, DicomPersonNameGroup? phonetic = null)
    {
        Alphabetic = alphabetic;
        Ideographic = ideographic ?? DicomPersonNameGroup.Empty;
        Phonetic = phonetic ?? DicomPersonNameGroup.Empty;
    }

    /// <summary>A name with an alphabetic group only.</summary>
    public DicomPersonName(string familyName, string givenName = "", string middleName = "", string namePrefix = "", string nameSuffix = "")
        : this(new DicomPersonNameGroup(familyName, givenName, middleName, namePrefix, nameSuffix))
    {
    }

    public DicomPersonNameGroup Alphabetic { get; init; }

    public DicomPersonNameGroup Ideographic { get; init; }

    public DicomPersonNameGroup Phonetic { get; init; }

    /// <summary>Family name of the alphabetic group.</summary>
    public string FamilyName => Alphabetic.FamilyName;

    /// <summary>Given name of the alphabetic group.</summary>
    public string GivenName => Alphabetic.GivenName;

    /// <summary>Middle name of the alphabetic group.</summary>
    public string MiddleName => Alphabetic.MiddleName;

    /// <summary>Name prefix of the alphabetic group.</summary>
    public string NamePrefix => Alphabetic.NamePrefix;

    /// <summary>Name suffix of the alphabetic group.</summary>
    public string NameSuffix => Alphabetic.NameSuffix;

    public bool IsEmpty => Alphabetic.IsEmpty && Ideographic.IsEmpty && Phonetic.IsEmpty;

    public static DicomPersonName Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomPersonName value) =>
        TryParse(text, mode, out value, out _);

    /// <summary>
    /// Parses one PN value (decoded text, one value of a multi-valued element). Strict reading rejects
    /// more than three groups, more than five components, groups over 64 characters and control characters
    /// other than ESC (which ISO 2022 code extensions need, PS3.5 6.1.2.5.3). Lenient reading keeps extra
    /// components in the suffix, ignores extra groups, and trims spaces around components.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomPersonName value, out string? error)
    {
        value = null!;
        var lenient = mode == DicomParseMode.Lenient;
        var original = text;
        if (lenient)
        {
            text = DicomValueText.TrimPadding(text);
        }

        foreach (var c in text)
        {
            if (c < ' ' && c != '\u001b' || c is '\\' or '\u007f')
            {
                if (lenient)
                {
                    continue;
                }

                error = $"PN {DicomValueText.Quote(original)} contains the control character or delimiter U+{(int)c:X4}";
                return false;
            }
        }

        var groups = new DicomPersonNameGroup[3];
        var index = 0;
        foreach (var range in text.Split('='))
        {
            if (index == 3)
            {
                if (lenient)
                {
                    break;
                }

                error = $"PN {DicomValueText.Quote(original)} has more than three component groups";
                return false;
            }

            var groupText = text[range];
            if (!lenient && groupText.Length > MaximumGroupLength)
            {
                error = $"PN {DicomValueText.Quote(original)}: component group {index + 1} has {groupText.Length} characters, more than 64";
                return false;
            }

            if (!TryParseGroup(groupText, lenient, out groups[index], out error))
            {
                error = $"PN {DicomValueText.Quote(original)}: {error}";
                return false;
            }

            index++;
        }

        value = new DicomPersonName(groups[0] ?? DicomPersonNameGroup.Empty, groups[1], groups[2]);
        error = null;
        return true;
    }

    /// <summary>The value as PN text: trailing empty components and trailing empty groups dropped (PS3.5 6.2.1.1).</summary>
    public override string ToString()
    {
        var groups = new[] { Alphabetic.ToString(), Ideographic.ToString(), Phonetic.ToString() };
        var count = 3;
        while (count > 0 && groups[count - 1].Length == 0)
        {
            count--;
        }

        return string.Join('=', groups.Take(count));
    }

    private static bool TryParseGroup(ReadOnlySpan<char> text, bool lenient, out DicomPersonNameGroup group, out string? error)
    {
        var components = new string[5];
        Array.Fill(components, string.Empty);
        var index = 0;
        foreach (var range in text.Split('^'))
        {
            var component = text[range];
            if (lenient)
            {
                component = component.Trim(' ');
            }

            if (index == 5)
            {
                if (!lenient)
                {
                    group = DicomPersonNameGroup.Empty;
                    error = "a component group has more than five components";
                    return false;
                }

                // Keep what a faulty writer put beyond the suffix rather than lose part of a name.
                components[4] = components[4].Length == 0 ? component.ToString() : $"{components[4]}^{component}";
                continue;
            }

            components[index++] = component.ToString();
        }

        group = new DicomPersonNameGroup(components[0], components[1], components[2], components[3], components[4]);
        error = null;
        return true;
    }
}
