namespace Tessera.Index.Sqlite;

/// <summary>
/// The Number of … Related … counts (PS3.4 C.3.4) and representative instances of a writer batch,
/// summed per row and written with one UPDATE per touched series, study and patient at the end of
/// the batch, in its transaction: counts stay exact and visible with the rows they count, while a
/// batch of a series' instances costs one UPDATE instead of three per instance.
/// </summary>
internal sealed class BatchCounters
{
    private readonly Dictionary<long, Counts> _patients = [];
    private readonly Dictionary<long, Counts> _studies = [];
    private readonly Dictionary<long, Counts> _series = [];

    public void Clear()
    {
        _patients.Clear();
        _studies.Clear();
        _series.Clear();
    }

    /// <summary>Adds an entry's delta; called only once the entry's savepoint is released.</summary>
    public void Add(CounterDelta delta)
    {
        if (delta.IsEmpty)
        {
            return;
        }

        var series = delta.NewSeries ? 1 : 0;
        Bump(_series, delta.Series, delta.Instance, 0, 0);
        Bump(_studies, delta.Study, delta.Instance, series, 0);
        Bump(_patients, delta.Patient, delta.Instance, series, delta.NewStudy ? 1 : 0);
    }

    public void Apply(WriterCommands commands)
    {
        foreach (var (pk, counts) in _series)
        {
            commands.Execute(
                "UPDATE series SET NumberOfSeriesRelatedInstances = NumberOfSeriesRelatedInstances + $instances, representative_instance = coalesce(representative_instance, $first) WHERE pk = $pk",
                ("$instances", counts.Instances),
                ("$first", counts.First),
                ("$pk", pk));
        }

        foreach (var (pk, counts) in _studies)
        {
            commands.Execute(
                "UPDATE study SET NumberOfStudyRelatedInstances = NumberOfStudyRelatedInstances + $instances, NumberOfStudyRelatedSeries = NumberOfStudyRelatedSeries + $series, representative_instance = coalesce(representative_instance, $first) WHERE pk = $pk",
                ("$instances", counts.Instances),
                ("$series", counts.Series),
                ("$first", counts.First),
                ("$pk", pk));
        }

        foreach (var (pk, counts) in _patients)
        {
            commands.Execute(
                "UPDATE patient SET NumberOfPatientRelatedInstances = NumberOfPatientRelatedInstances + $instances, NumberOfPatientRelatedSeries = NumberOfPatientRelatedSeries + $series, NumberOfPatientRelatedStudies = NumberOfPatientRelatedStudies + $studies, representative_instance = coalesce(representative_instance, $first) WHERE pk = $pk",
                ("$instances", counts.Instances),
                ("$series", counts.Series),
                ("$studies", counts.Studies),
                ("$first", counts.First),
                ("$pk", pk));
        }
    }

    private static void Bump(Dictionary<long, Counts> rows, long pk, long instance, int series, int studies)
    {
        // The first instance of the batch under a row is its representative when it has none yet.
        rows[pk] = rows.TryGetValue(pk, out var counts)
            ? counts with { Instances = counts.Instances + 1, Series = counts.Series + series, Studies = counts.Studies + studies }
            : new Counts(1, series, studies, instance);
    }

    private readonly record struct Counts(long Instances, long Series, long Studies, long First);
}
