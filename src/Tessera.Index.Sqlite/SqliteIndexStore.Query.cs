using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tessera.Archive.Ingest;
using Tessera.Archive.Query;

namespace Tessera.Index.Sqlite;

/// <summary>
/// C-FIND translation: one parameterised SELECT per query (no value is ever concatenated into SQL),
/// joining the level's table to the levels above it.
/// </summary>
public sealed partial class SqliteIndexStore
{
private static readonly TimeSpan LastMicrosecondOfDay = TimeSpan.FromDays(1) - TimeSpan.FromMicroseconds(1);

    /// <summary>Column of each indexed attribute, qualified by its table's alias.</summary>
    private static readonly Dictionary<DicomTag, string> Columns = new()
    {
        [DicomTags.PatientName] = "p.PatientName",
        [DicomTags.PatientID] = "p.PatientID",
        [DicomTags.IssuerOfPatientID] = "p.IssuerOfPatientID",
        [DicomTags.PatientBirthDate] = "p.PatientBirthDate",
        [DicomTags.PatientSex] = "p.PatientSex",
        [DicomTags.NumberOfPatientRelatedStudies] = "p.NumberOfPatientRelatedStudies",
        [DicomTags.NumberOfPatientRelatedSeries] = "p.NumberOfPatientRelatedSeries",
        [DicomTags.NumberOfPatientRelatedInstances] = "p.NumberOfPatientRelatedInstances",
        [DicomTags.StudyInstanceUID] = "st.StudyInstanceUID",
        [DicomTags.StudyDate] = "st.StudyDate",
        [DicomTags.StudyTime] = "st.StudyTime",
        [DicomTags.AccessionNumber] = "st.AccessionNumber",
        [DicomTags.StudyID] = "st.StudyID",
        [DicomTags.ReferringPhysicianName] = "st.ReferringPhysicianName",
        [DicomTags.StudyDescription] = "st.StudyDescription",
        [DicomTags.ModalitiesInStudy] = "(SELECT group_concat(m.Modality, '\\') FROM (SELECT DISTINCT Modality FROM series WHERE study_pk = st.pk AND Modality IS NOT NULL ORDER BY Modality) m)",
        [DicomTags.SOPClassesInStudy] = "(SELECT group_concat(c.SOPClassUID, '\\') FROM (SELECT DISTINCT sc.SOPClassUID FROM series cs JOIN series_sop_class sc ON sc.series_pk = cs.pk WHERE cs.study_pk = st.pk ORDER BY sc.SOPClassUID) c)",
        [DicomTags.NumberOfStudyRelatedSeries] = "st.NumberOfStudyRelatedSeries",
        [DicomTags.NumberOfStudyRelatedInstances] = "st.NumberOfStudyRelatedInstances",
        [DicomTags.SeriesInstanceUID] = "se.SeriesInstanceUID",
        [DicomTags.Modality] = "se.Modality",
        [DicomTags.SeriesNumber] = "se.SeriesNumber",
        [DicomTags.SeriesDescription] = "se.SeriesDescription",
        [DicomTags.BodyPartExamined] = "se.BodyPartExamined",
        [DicomTags.InstitutionName] = "se.InstitutionName",
        [DicomTags.NumberOfSeriesRelatedInstances] = "se.NumberOfSeriesRelatedInstances",
        [DicomTags.SOPInstanceUID] = "i.SOPInstanceUID",
        [DicomTags.SOPClassUID] = "i.SOPClassUID",
        [DicomTags.InstanceNumber] = "i.InstanceNumber",
    };

    public async IAsyncEnumerable<IndexMatch> QueryAsync(ArchiveQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<object>();
        var (sql, selected) = BuildQuery(query, parameters);
        var session = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = await session.Command(sql, [.. parameters.Select((value, i) => (ParameterName(i), value))]).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var withAttributes = query.NeedsStoredAttributes;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var values = new Dictionary<DicomTag, string>(selected.Count);
                for (var i = 0; i < selected.Count; i++)
                {
                    // SQLite gives an INTEGER column (the counts) as its decimal text, which is the IS value.
                    if (!reader.IsDBNull(i))
                    {
                        values[selected[i]] = reader.GetString(i);
                    }
                }

                var attributes = withAttributes && !reader.IsDBNull(selected.Count) ? reader.GetFieldValue<byte[]>(selected.Count) : [];
                yield return new IndexMatch(values, attributes);
            }
        }
        finally
        {
            // A caller that stops early (result limit) disposed the reader above first: the session stays usable. One whose
            // query was cancelled (C-CANCEL) is closed rather than trusted.
            _readers.Return(session, !cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Fills <paramref name="command"/> and returns the attribute of each selected column (the attribute blob follows them when the query needs it).</summary>
    internal static List<DicomTag> BuildQuery(ArchiveQuery query, SqliteCommand command)
    {
        var parameters = new List<object>();
        var (sql, selected) = BuildQuery(query, parameters);
        command.CommandText = sql;
        for (var i = 0; i < parameters.Count; i++)
        {
            command.Parameters.AddWithValue(ParameterName(i), parameters[i]);
        }

        return selected;
    }

    /// <summary>The parameter names of a query's SQL, in the order of its values: the same query shape is the same text.</summary>
    internal static string ParameterName(int index) => "$p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The SELECT for <paramref name="query"/>, its values appended to <paramref name="command"/>, and the attribute of each selected column.</summary>
    private static (string Sql, List<DicomTag> Selected) BuildQuery(ArchiveQuery query, List<object> command)
    {
        var level = query.Level;
        // Only what the results carry: each column costs a read per row, and a computed one (ModalitiesInStudy) a sub-select.
        var resultKeys = query.ResultKeys();
        var selected = IndexedAttributes.All
            .Where(a => a.Level <= level && resultKeys.Contains(a.Tag))
            .Select(a => a.Tag)
            .ToList();
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", selected.Select(tag => Columns[tag]));
        var (from, alias, order) = level switch
        {
            QueryLevel.Patient => ("patient p", "p", "p.pk"),
            // Newest studies first, as worklists show them; it also lets an open date range walk study_date instead of scanning in pk order.
            QueryLevel.Study => ("study st JOIN patient p ON p.pk = st.patient_pk", "st", "st.StudyDate DESC, st.StudyTime DESC, st.pk"),
            QueryLevel.Series => ("series se JOIN study st ON st.pk = se.study_pk JOIN patient p ON p.pk = st.patient_pk", "se", "se.pk"),
            _ => ("instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk JOIN patient p ON p.pk = st.patient_pk", "i", "se.pk, i.InstanceNumberInt, i.pk"),
        };
        if (query.NeedsStoredAttributes)
        {
            sql.Append(level == QueryLevel.Image
                ? ", i.attributes"
                : $", (SELECT attributes FROM instance r WHERE r.pk = {alias}.representative_instance)");
        }

        sql.Append(" FROM ").Append(from);
        var conditions = new List<string>();
        foreach (var key in query.Keys)
        {
            conditions.Add(Condition(key, query.CaseInsensitivePersonNames, command));
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        // The limit is written into the text, not bound: SQLite (3.47 on) reads a bound LIMIT's value when it plans, so every
        // new binding of it expires the compiled statement and the next step compiles it again (measured: a study-level
        // C-FIND re-parsed its SELECT on every run). Limits are few (the server's result limit, the filter's cap).
        sql.Append(" ORDER BY ").Append(order).Append(" LIMIT ").Append(Math.Max(0, query.Limit).ToString(CultureInfo.InvariantCulture));
        return (sql.ToString(), selected);
    }

    private static string Condition(MatchKey key, bool caseInsensitive, List<object> command)
    {
        var attribute = key.Attribute;
        var column = Columns[attribute.Tag];
        if (attribute.Tag == DicomTags.ModalitiesInStudy)
        {
            // PS3.4 C.6.2.1.2: a study matches when any of its series has one of the modalities.
            var list = (Matcher.UidList)key.Matcher;
            return $"EXISTS (SELECT 1 FROM series ms WHERE ms.study_pk = st.pk AND ms.Modality IN (SELECT value FROM json_each({Parameter(command, JsonSerializer.Serialize(list.Uids.ToArray(), UidListJson.Default.StringArray))})))";
        }

        if (attribute.Tag == DicomTags.SOPClassesInStudy)
        {
            // A study matches when an instance of any of its series is of one of the classes.
            var list = (Matcher.UidList)key.Matcher;
            return $"EXISTS (SELECT 1 FROM series cs JOIN series_sop_class sc ON sc.series_pk = cs.pk WHERE cs.study_pk = st.pk AND sc.SOPClassUID IN (SELECT value FROM json_each({Parameter(command, JsonSerializer.Serialize(list.Uids.ToArray(), UidListJson.Default.StringArray))})))";
        }

        switch (key.Matcher)
        {
            case Matcher.Empty:
                // Ingest stores no value as NULL; '' is there for adapters' data written otherwise.
                return $"({column} IS NULL OR {column} = '')";
            case Matcher.AnyOf any:
                return "(" + string.Join(" OR ", any.Matchers.Select(one => Condition(key with { Matcher = one }, caseInsensitive, command))) + ")";
        }

        var folded = attribute.Kind == IndexedKind.PersonName && caseInsensitive;
        var target = folded ? column + "Upper" : column;
        switch (key.Matcher)
        {
            case Matcher.Single single when attribute.Kind == IndexedKind.Integer
                && long.TryParse(single.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                // PS3.4 C.2.2.2.1 (CP-2305) leaves IS matching to the implementation: by value, so 7 finds "007" and "+7".
                return $"{column}Int = {Parameter(command, number)}";
            case Matcher.Single single:
                var value = IndexedValues.Normalize(attribute.Kind, single.Value);
                return $"{target} = {Parameter(command, folded ? PersonNameMatching.Key(value) : value)}";
            case Matcher.UidList { Uids.Count: 1 } one:
                return $"{column} = {Parameter(command, one.Uids[0])}";
            case Matcher.UidList many:
                return $"{column} IN (SELECT value FROM json_each({Parameter(command, JsonSerializer.Serialize(many.Uids.ToArray(), UidListJson.Default.StringArray))}))";
            case Matcher.Wildcard wildcard:
                return Wildcard(folded ? wildcard.Pattern.ToUpperInvariant() : wildcard.Pattern, target, command);
            case Matcher.DateRange dates:
                return Range(column, dates.Range.Start?.ToString(), dates.Range.End?.ToString(), command);
            case Matcher.DateTimeRange dateTimes:
                return DateTimeRange(dateTimes, command);
            case Matcher.TimeRange times:
                return Range(
                    column,
                    times.Range.LowerBound is { } lower ? IndexedValues.FormatTime(lower) : null,
                    times.Range.UpperBound is { } upper ? IndexedValues.FormatTime(upper) : null,
                    command);
            default:
                throw new NotSupportedException($"matcher {key.Matcher.GetType().Name}");
        }
    }

    /// <summary>
    /// '*' and '?' map to GLOB's (which is case-sensitive, as C.2.2.2.4 wants); '[' is escaped. The
    /// literal prefix becomes a range on the column too, so the index is used whatever the planner
    /// thinks of GLOB on a bound parameter.
    /// </summary>
    private static string Wildcard(string pattern, string column, List<object> command)
    {
        var glob = pattern.Replace("[", "[[]", StringComparison.Ordinal);
        var condition = $"{column} GLOB {Parameter(command, glob)}";
        var prefixLength = pattern.IndexOfAny(['*', '?']);
        var prefix = prefixLength < 0 ? pattern : pattern[..prefixLength];
        if (prefix.Length == 0)
        {
            return condition;
        }

        // U+10FFFF sorts after every character in SQLite's BINARY (UTF-8 memcmp) order.
        return $"{column} >= {Parameter(command, prefix)} AND {column} < {Parameter(command, prefix + "\U0010FFFF")} AND {condition}";
    }

    /// <summary>
    /// The date bounds narrow by the Study Date index; on a boundary date the time decides (a bound at the start or
    /// end of its day needs no time condition). A study without a time matches on a boundary date only then.
    /// </summary>
    private static string DateTimeRange(Matcher.DateTimeRange range, List<object> command)
    {
        var date = Columns[DicomTags.StudyDate];
        var time = Columns[DicomTags.StudyTime];
        var parts = new List<string>(4);
        if (range.Range.Start is { } start)
        {
            var lower = start.LowerBound;
            var day = Parameter(command, lower.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            parts.Add($"{date} >= {day}");
            if (lower.TimeOfDay != TimeSpan.Zero)
            {
                parts.Add($"({date} > {day} OR {time} >= {Parameter(command, IndexedValues.FormatTime(lower.TimeOfDay))})");
            }
        }

        if (range.Range.End is { } end)
        {
            var upper = end.UpperBound;
            var day = Parameter(command, upper.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            parts.Add($"{date} <= {day}");
            if (upper.TimeOfDay < LastMicrosecondOfDay)
            {
                parts.Add($"({date} < {day} OR {time} <= {Parameter(command, IndexedValues.FormatTime(upper.TimeOfDay))})");
            }
        }

        return parts.Count == 0 ? $"{date} IS NOT NULL" : string.Join(" AND ", parts);
    }

    private static string Range(string column, string? start, string? end, List<object> command)
    {
        var parts = new List<string>(2);
        if (start is not null)
        {
            parts.Add($"{column} >= {Parameter(command, start)}");
        }

        if (end is not null)
        {
            parts.Add($"{column} <= {Parameter(command, end)}");
        }

        return parts.Count == 0 ? $"{column} IS NOT NULL" : string.Join(" AND ", parts);
    }

    private static string Parameter(List<object> values, object value)
    {
        values.Add(value);
        return ParameterName(values.Count - 1);
    }
}
