namespace Tessera.Archive.Tests.Support;

/// <summary>C-FIND identifiers built the way an SCU sends them: level plus keys, "" for return keys.</summary>
internal static class Identifiers
{
    public static DicomDataset Level(string level, params (DicomTag Tag, DicomVR VR, string Value)[] keys)
    {
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, level);
        foreach (var (tag, vr, value) in keys)
        {
            identifier.AddOrUpdate(tag, vr, value);
        }

        return identifier;
    }
}
