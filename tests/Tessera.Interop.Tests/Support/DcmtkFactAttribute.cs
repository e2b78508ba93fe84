namespace Tessera.Interop.Tests.Support;

/// <summary>A test that needs DCMTK's network tools; skipped, visibly, where they are not installed (test.sh installs dcmtk).</summary>
public sealed class DcmtkFactAttribute : FactAttribute
{
    public DcmtkFactAttribute()
    {
        if (!File.Exists("/usr/bin/storescu") || !File.Exists("/usr/bin/storescp") || !File.Exists("/usr/bin/dcmdump"))
        {
            Skip = "DCMTK (storescu, storescp, dcmdump) is not installed: run ./test.sh as root";
        }
    }
}
