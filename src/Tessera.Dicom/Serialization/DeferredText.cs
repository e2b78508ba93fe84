using Tessera.Dicom.Text;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Text read from JSON or XML is Unicode, but a dataset holds bytes in its Specific Character Set,
/// which may be declared anywhere in the document (members need not be sorted) or inherited from an
/// enclosing dataset. So text of VRs affected by the character set (PS3.5 6.1.2.3) is encoded only
/// when the whole document has been read:
/// <list type="bullet">
/// <item>with the character set each dataset then declares or inherits;</item>
/// <item>when no dataset declares one and some text is not ASCII, the root gets
/// Specific Character Set "ISO_IR 192" (UTF-8), the one repertoire that holds any text (PS3.18
/// F.2 documents are Unicode); the default repertoire (ISO-IR 6) could not carry it;</item>
/// <item>when a declared set cannot hold some text (JSON from a tool that ignored it), every
/// declaration is replaced by "ISO_IR 192" and a deviation is reported, rather than writing '?'.</item>
/// </list>
/// </summary>
internal sealed class DeferredText(Action<DicomDeviation>? onDeviation)
{
    private const string Utf8Term = "ISO_IR 192";

    private readonly List<Entry> _entries = [];

    /// <summary>Sets a string element now (VRs of the default repertoire) or when the document is complete.</summary>
    public void Add(DicomDataset target, DicomTag tag, DicomVR vr, IReadOnlyList<string?> values, long offset)
    {
        var text = DicomValueText.Join(values);
        if (vr.IsAffectedBySpecificCharacterSet())
        {
            _entries.Add(new Entry(target, tag, vr, text, offset));
            target.Add(new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
            return;
        }

        var bytes = DicomCharacterSet.Default.Encode(text, vr);
        if (!IsAscii(text))
        {
            onDeviation?.Invoke(new DicomDeviation(offset, tag, $"{vr.Code()} value has characters outside the default repertoire; they were replaced"));
        }

        target.Add(new DicomValueElement(tag, vr, bytes));
    }

    /// <summary>Encodes the deferred text once every dataset of the document is in place.</summary>
    public void Complete(DicomDataset root)
    {
        if (_entries.Count == 0)
        {
            return;
        }

        var declarations = new List<DicomDataset>();
        FindDeclarations(root, declarations);
        if (declarations.Count == 0 && _entries.Exists(e => !IsAscii(e.Text)))
        {
            root.AddOrUpdate(DicomSerializationRules.SpecificCharacterSet, DicomVR.CS, Utf8Term);
        }

        if (!TryEncodeAll(out var failed))
        {
            onDeviation?.Invoke(new DicomDeviation(failed.Offset, failed.Tag,
                $"text cannot be encoded in the declared Specific Character Set '{failed.Target.CharacterSet.SpecificCharacterSetValue}'; replaced by {Utf8Term}"));
            foreach (var dataset in declarations)
            {
                dataset.Remove(DicomSerializationRules.SpecificCharacterSet);
            }

            root.AddOrUpdate(DicomSerializationRules.SpecificCharacterSet, DicomVR.CS, Utf8Term);
            TryEncodeAll(out _);
        }
    }

    private bool TryEncodeAll(out Entry failed)
    {
        failed = default;
        var ok = true;
        foreach (var entry in _entries)
        {
            var characterSet = entry.Target.CharacterSet;
            var bytes = characterSet.Encode(entry.Text, entry.VR);
            if (ok && !string.Equals(characterSet.Decode(bytes, entry.VR), entry.Text, StringComparison.Ordinal))
            {
                failed = entry;
                ok = false;
            }

            entry.Target.Add(new DicomValueElement(entry.Tag, entry.VR, bytes));
        }

        return ok;
    }

    private static void FindDeclarations(DicomDataset dataset, List<DicomDataset> declarations)
    {
        if (dataset.Contains(DicomSerializationRules.SpecificCharacterSet))
        {
            declarations.Add(dataset);
        }

        foreach (var element in dataset)
        {
            if (element is DicomSequence sequence)
            {
                foreach (var item in sequence.Items)
                {
                    FindDeclarations(item, declarations);
                }
            }
        }
    }

    private static bool IsAscii(string text) => System.Text.Ascii.IsValid(text);

    private readonly record struct Entry(DicomDataset Target, DicomTag Tag, DicomVR VR, string Text, long Offset);
}
