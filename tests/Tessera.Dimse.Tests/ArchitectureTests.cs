namespace Tessera.Dimse.Tests;

/// <summary>STYLE.md, the shape of the house: Tessera.Dimse → Tessera.Dicom only.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void DimseReferencesOnlyDicomAmongTesseraAssemblies()
    {
        var references = typeof(Tessera.Dimse.Network.DicomServer).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Tessera", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["Tessera.Dicom"], references.Where(n => n != "Tessera.Dimse"));
    }
}
