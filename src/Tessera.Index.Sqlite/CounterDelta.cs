namespace Tessera.Index.Sqlite;

/// <summary>
/// What one newly stored instance adds to the kept counts of its series, study and patient (default:
/// nothing, for duplicates and new versions of a stored instance).
/// </summary>
internal readonly record struct CounterDelta(long Patient, long Study, long Series, long Instance, bool NewStudy, bool NewSeries)
{
    public bool IsEmpty => Instance == 0;
}
