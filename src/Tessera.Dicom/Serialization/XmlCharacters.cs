using System.Xml;

namespace Tessera.Dicom.Serialization;

/// <summary>Which characters XML 1.0 allows (section 2.2), checked once per string.</summary>
internal static class XmlCharacters
{
    /// <summary>Index of the first character XML cannot carry, or -1.</summary>
    public static int IndexOfInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }
}
