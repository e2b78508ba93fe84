using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Tessera.Architecture.Tests;

/// <summary>Fails the build when a layer references one it may not: layers only in folder names erode.</summary>
public class LayerTests
{
    public static TheoryData<string> TesseraAssemblies() => new(AssemblyNames());

    private static List<string> AssemblyNames()
    {
        var names = new List<string>();
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if ((name.StartsWith("Tessera.", StringComparison.Ordinal) || name == "tessera") && !name.EndsWith(".Tests", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(TesseraAssemblies))]
    public void Each_layer_references_only_the_layers_below_it(string assembly) =>
        Assert.Empty(Violations(assembly, References(assembly)));

    [Fact]
    public void The_toolkit_and_the_cli_are_checked() =>
        Assert.Superset(new HashSet<string> { "Tessera.Dicom", "tessera" }, AssemblyNames().ToHashSet());

    [Fact]
    public void A_reference_pointing_up_or_outside_is_caught()
    {
        Assert.Equal(["Tessera.Dicom must not reference Tessera.Dimse"], Violations("Tessera.Dicom", ["System.Runtime", "Tessera.Dimse"]));
        Assert.Equal(["Tessera.Dicom must reference the BCL only, not Newtonsoft.Json"], Violations("Tessera.Dicom", ["Newtonsoft.Json"]));
        Assert.Equal(["Tessera.Nowhere has no rule in LayerRules: add its arrow"], Violations("Tessera.Nowhere", []));
        Assert.Empty(Violations("Tessera.Dimse", ["Tessera.Dicom", "Microsoft.Extensions.Logging.Abstractions"]));
    }

    private static List<string> Violations(string assembly, IEnumerable<string> references)
    {
        if (!LayerRules.Allowed.TryGetValue(assembly, out var allowed))
        {
            return [$"{assembly} has no rule in LayerRules: add its arrow"];
        }

        var violations = new List<string>();
        foreach (var referenced in references)
        {
            if (referenced.StartsWith("Tessera", StringComparison.OrdinalIgnoreCase))
            {
                if (!allowed.Contains("*") && !allowed.Contains(referenced))
                {
                    violations.Add($"{assembly} must not reference {referenced}");
                }
            }
            else if (!LayerRules.IsFramework(referenced) && !LayerRules.MayReferenceThirdParty(assembly))
            {
                violations.Add($"{assembly} must reference the BCL only, not {referenced}");
            }
        }

        return violations;
    }

    private static IEnumerable<string> References(string assembly)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in metadata.AssemblyReferences)
        {
            names.Add(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
        }

        return names;
    }
}
