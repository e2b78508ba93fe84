namespace Tessera.Server.Tests.Support;

/// <summary>A test that needs DCMTK's network tools; skipped, visibly, where they are not installed (test.sh installs them).</summary>
public sealed class DcmtkFactAttribute : FactAttribute
{
    public DcmtkFactAttribute()
    {
        if (!File.Exists(Dcmtk.Path("storescu")) || !File.Exists(Dcmtk.Path("findscu")) || !File.Exists(Dcmtk.Path("movescu")))
        {
            Skip = "DCMTK (storescu, findscu, movescu, getscu, storescp) is not installed";
        }
    }
}
