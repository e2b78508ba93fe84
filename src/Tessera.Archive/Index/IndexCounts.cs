namespace Tessera.Archive.Index;

public sealed record IndexCounts(long Patients, long Studies, long Series, long Instances, long Versions);
