namespace Tessera.Dicom;

/// <summary>One row of PS3.6 Table A-1.</summary>
public sealed class DicomUidInfo
{
    public DicomUidInfo(string uid, string keyword, string name, DicomUidType type, bool isRetired)
    {
        Uid = uid;
        Keyword = keyword;
        Name = name;
        Type = type;
        IsRetired = isRetired;
    }

    public string Uid { get; }

    /// <summary>The PS3.6 keyword; empty for the two retired SOP classes PS3.6 lists without one.</summary>
    public string Keyword { get; }

    public string Name { get; }

    public DicomUidType Type { get; }

    public bool IsRetired { get; }

    public override string ToString() => Name;
}
