namespace Tessera.Dimse.Tests.Interop;

/// <summary>A test that needs DCMTK's network tools; skipped, visibly, where they are not installed (apt-get install dcmtk).</summary>
public sealed class DcmtkFactAttribute : FactAttribute
{
    public DcmtkFactAttribute()
    {
        if (!File.Exists(Dcmtk.Path("echoscu")) || !File.Exists(Dcmtk.Path("storescp")) || !File.Exists(Dcmtk.Path("storescu")))
        {
            Skip = "DCMTK (echoscu, storescu, storescp) is not installed";
        }
    }
}
