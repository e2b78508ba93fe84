using Xunit;

namespace Tessera.Testing;

/// <summary>
/// A data folder for DCMTK's wlmscpfs (`wlmscpfs -dfp ROOT`) holding one scheduled step for AE title WLMSCP: patient
/// Doe^John (PID001), accession ACC001, a CT step on station CTSCANNER. The item carries the attributes wlmscpfs
/// requires of a worklist file (its example wklist1.dump has the same set).
/// </summary>
public sealed class WorklistFolder : IDisposable
{
    public const string AETitle = "WLMSCP";

    private const string Item = """
        (0008,0050) SH  ACC001
        (0008,0005) CS  [ISO_IR 100]
        (0010,0010) PN  Doe^John
        (0010,0020) LO  PID001
        (0010,0030) DA  19700101
        (0010,0040) CS  M
        (0010,2000) LO  NONE
        (0010,2110) LO  NONE
        (0020,000d) UI  1.2.826.0.1.3680043.2.1143.1
        (0032,1032) PN  SMITH
        (0032,1060) LO  CT HEAD
        (0040,0100) SQ
        (fffe,e000) -
        (0008,0060) CS  CT
        (0032,1070) LO  NONE
        (0040,0001) AE  CTSCANNER
        (0040,0002) DA  20260101
        (0040,0003) TM  101500
        (0040,0006) PN  JOHNSON
        (0040,0007) LO  CT HEAD
        (0040,0009) SH  SPS001
        (0040,0010) SH  CT1
        (0040,0011) SH  ROOM1
        (0040,0012) LO
        (0040,0400) LT
        (fffe,e00d) -
        (fffe,e0dd) -
        (0040,1001) SH  RP001
        (0040,1003) SH  LOW
        """;

    private WorklistFolder(DirectoryInfo root) => Root = root;

    /// <summary>The folder to give wlmscpfs as `-dfp`.</summary>
    public DirectoryInfo Root { get; }

    /// <summary>Writes the item with dump2dcm; fails the test when dump2dcm does.</summary>
    public static async Task<WorklistFolder> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("tessera-wlm-");
        var aeDirectory = Directory.CreateDirectory(Path.Combine(root.FullName, AETitle));
        await File.WriteAllTextAsync(Path.Combine(aeDirectory.FullName, "lockfile"), string.Empty);
        var dump = Path.Combine(root.FullName, "item.dump");
        await File.WriteAllTextAsync(dump, Item);
        var (exit, log) = await Dcmtk.RunAsync("dump2dcm", dump, Path.Combine(aeDirectory.FullName, "item.wl"));
        Assert.True(exit == 0, log);
        return new WorklistFolder(root);
    }

    public void Dispose() => Root.Delete(recursive: true);
}
