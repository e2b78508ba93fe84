using Microsoft.Data.Sqlite;
using Tessera.Archive.Query;
using Tessera.Archive.Tests.Support;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// The queries that must stay fast at a million instances use an index, never a full scan: SQLite's
/// own EXPLAIN QUERY PLAN for the SQL the adapter generates.
/// </summary>
public sealed class SqliteQueryPlanTests
{
    [Theory]
    [InlineData("STUDY", "PatientID", "P1")]
    [InlineData("STUDY", "PatientName", "doe*")]
    [InlineData("STUDY", "StudyDate", "20240101-20240131")]
    [InlineData("STUDY", "StudyDate", "20240101-")]
    [InlineData("STUDY", "AccessionNumber", "A1")]
    [InlineData("STUDY", "StudyInstanceUID", "1.2.3")]
    [InlineData("STUDY", "ReferringPhysicianName", "SMITH*")]
    [InlineData("SERIES", "StudyInstanceUID", "1.2.3")]
    [InlineData("IMAGE", "SeriesInstanceUID", "1.2.3.4")]
    [InlineData("IMAGE", "SOPInstanceUID", "1.2.3.4.5")]
    public async Task Matching_on_a_key_uses_an_index(string level, string keyword, string value)
    {
        var attribute = IndexedAttributes.All.Single(a => a.Keyword == keyword);
        var identifier = Identifiers.Level(level, (attribute.Tag, attribute.VR, value), (DicomTags.ModalitiesInStudy, DicomVR.CS, ""));
        Assert.True(ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.StudyRoot, out var query, out _));
        await AssertNoFullScanAsync(query!);
    }

    [Fact]
    public async Task Combined_date_time_range_uses_the_study_date_index()
    {
        var identifier = Identifiers.Level("STUDY", (DicomTags.StudyDate, DicomVR.DA, "20240101-20240102"), (DicomTags.StudyTime, DicomVR.TM, "2200-0600"));
        Assert.True(ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.StudyRoot, out var query, out _, combinedDateTimeMatching: true));
        Assert.IsType<Matcher.DateTimeRange>(Assert.Single(query!.Keys).Matcher);
        await AssertNoFullScanAsync(query);
    }

    [Theory]
    [InlineData("AccessionNumber", "A1\\A2")]
    [InlineData("PatientID", "P1\\P2*")]
    [InlineData("StudyDate", "20240101\\20240301-20240331")]
    [InlineData("AccessionNumber", "\"\"")]
    public async Task Empty_and_multiple_value_matching_use_the_index(string keyword, string value)
    {
        var attribute = IndexedAttributes.All.Single(a => a.Keyword == keyword);
        var identifier = Identifiers.Level("STUDY", (attribute.Tag, attribute.VR, value));
        Assert.True(ArchiveQuery.TryFromIdentifier(identifier, QueryRoot.StudyRoot, out var query, out _, emptyValueMatching: true, multipleValueMatching: true));
        Assert.IsNotType<Matcher.Single>(Assert.Single(query!.Keys).Matcher);
        await AssertNoFullScanAsync(query);
    }

    private static async Task AssertNoFullScanAsync(ArchiveQuery query)
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var database = Path.Combine(folder, "index.db");
        var store = new SqliteIndexStore(new SqliteIndexOptions(database));
        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();

        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        SqliteIndexStore.BuildQuery(query, command);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // "SCAN m" is the few distinct modalities of one study (the ModalitiesInStudy co-routine).
        var scans = plan.Where(step => step.StartsWith("SCAN", StringComparison.Ordinal) && step != "SCAN m" && !step.Contains("json_each", StringComparison.Ordinal));
        Assert.True(!scans.Any(), string.Join(" | ", plan));
    }
}
