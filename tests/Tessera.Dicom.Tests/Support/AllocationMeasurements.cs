namespace Tessera.Dicom.Tests.Support;

/// <summary>Tests that measure allocations run alone, so other tests' allocations do not count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
