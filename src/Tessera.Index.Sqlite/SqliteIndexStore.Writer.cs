using System.Globalization;
using Microsoft.Data.Sqlite;
using Tessera.Archive.Index;
using Tessera.Archive.Query;
using Tessera.Archive.Storage;

namespace Tessera.Index.Sqlite;

/// <summary>
/// The single writer: drains the queue in batches, one transaction per batch, which syncs the WAL (synchronous=FULL) or
/// leaves it to the next checkpoint or durability barrier (<see cref="MakeDurableAsync"/>, synchronous=NORMAL); an entry
/// that finds the writer idle is committed the same way on the caller's thread (<see cref="TryCommitInline"/>).
/// </summary>
public sealed partial class SqliteIndexStore
{
    private async Task RunWriterAsync(WriterState state)
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _writerGate.WaitAsync().ConfigureAwait(false);
            try
            {
                state.Batch.Clear();
                while (state.Batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    Interlocked.Decrement(ref _queued);
                    if (pending.CancellationToken.IsCancellationRequested)
                    {
                        pending.Completion.TrySetCanceled(pending.CancellationToken);
                    }
                    else
                    {
                        state.Batch.Add(pending);
                    }
                }

                if (state.Batch.Count > 0)
                {
                    CommitBatch(state);
                }
            }
            finally
            {
                _writerGate.Release();
            }
        }

        await _writerGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _writerClosed = true;
            await state.Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    /// <summary>
    /// An entry committed on the caller's thread when the writer has nothing else to do: no queue to hand it to, no
    /// thread-pool worker to wake and none to wake the caller back (perf trace: two wake-ups of about 0.13 ms each in a
    /// small instance's 2 ms C-STORE). Null when the writer is busy or entries are waiting, which keep their turn in the queue.
    /// </summary>
    private PendingCommit? TryCommitInline(IndexEntry entry, DuplicatePolicy policy, CancellationToken cancellationToken)
    {
        if (_writerState is not { } state || Volatile.Read(ref _queued) > 0 || !_writerGate.Wait(0))
        {
            return null;
        }

        try
        {
            if (_writerClosed)
            {
                throw new ObjectDisposedException(nameof(SqliteIndexStore));
            }

            var pending = new PendingCommit(entry, policy, cancellationToken);
            state.Batch.Clear();
            state.Batch.Add(pending);
            CommitBatch(state);
            return pending;
        }
        finally
        {
            _writerGate.Release();
        }
    }

    /// <summary>One transaction for the batch, then each caller learns its outcome. Under the writer gate.</summary>
    private void CommitBatch(WriterState state)
    {
        var (connection, commands, batch, results, counters) = (state.Connection, state.Commands, state.Batch, state.Results, state.Counters);
        results.Clear();

        // A durability barrier in the batch makes this one commit sync the WAL, and with it every frame before it.
        var syncNow = _options.Synchronous == SqliteSynchronous.Normal && batch.Exists(pending => pending.Entry is null);
        try
        {
            if (syncNow)
            {
                Pragma(connection, "PRAGMA synchronous = FULL;");
            }

            using var transaction = connection.BeginTransaction();
            commands.Enlist(transaction);
            counters.Clear();
            foreach (var pending in batch)
            {
                if (pending.Entry is null)
                {
                    // A commit that changes nothing writes nothing, so does not sync: the barrier writes one row.
                    commands.Execute("INSERT INTO durable_mark (id, synced_utc) VALUES (1, $now) ON CONFLICT (id) DO UPDATE SET synced_utc = excluded.synced_utc", ("$now", Now()));
                    results.Add((pending, DurabilityBarrier));
                    continue;
                }

                // A savepoint per entry: one bad entry fails alone, the batch still commits.
                commands.Execute("SAVEPOINT entry");
                try
                {
                    var delta = new CounterDelta();
                    results.Add((pending, Apply(commands, pending.Entry, pending.Policy, ref delta)));
                    commands.Execute("RELEASE entry");
                    counters.Add(delta);
                }
                catch (SqliteException exception)
                {
                    commands.Execute("ROLLBACK TO entry");
                    commands.Execute("RELEASE entry");
                    pending.Completion.TrySetException(exception);
                }
            }

            counters.Apply(commands);
            transaction.Commit();

            // Set before any caller learns its outcome, so a barrier asked for after that sees it.
            Volatile.Write(ref _unsynced, _options.Synchronous == SqliteSynchronous.Normal && !syncNow);
        }
#pragma warning disable CA1031 // the writer must survive any failure and report it to every waiting caller
        catch (Exception exception)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }

            return;
        }
        finally
        {
            if (syncNow)
            {
                Pragma(connection, "PRAGMA synchronous = NORMAL;");
            }
        }

        // Only now, after COMMIT returned (the WAL synced with synchronous=FULL; written, for a durability barrier to
        // sync later, with NORMAL), do callers learn the outcome.
        foreach (var (pending, result) in results)
        {
            pending.Completion.TrySetResult(result);
        }
    }

    /// <summary>The writer's connection with its prepared statements and the lists a batch reuses; used under the writer gate only.</summary>
    private sealed class WriterState(SqliteConnection connection, int maxBatchSize)
    {
        public SqliteConnection Connection { get; } = connection;

        public WriterCommands Commands { get; } = new(connection);

        public List<PendingCommit> Batch { get; } = new(maxBatchSize);

        public List<(PendingCommit Pending, IndexCommitResult Result)> Results { get; } = new(maxBatchSize);

        public BatchCounters Counters { get; } = new();
    }

    /// <summary>Records an instance's SOP class for its series; no write when the series has it already.</summary>
    private const string AddSeriesSopClass = "INSERT OR IGNORE INTO series_sop_class (series_pk, SOPClassUID) VALUES ($series, $class)";

    /// <summary>What a durability barrier's caller is told (nothing: that the barrier committed).</summary>
    private static readonly IndexCommitResult DurabilityBarrier = new(IndexCommitOutcome.Stored, 0, null);

    /// <summary>A PRAGMA outside any transaction (synchronous cannot change inside one).</summary>
    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static IndexCommitResult Apply(WriterCommands commands, IndexEntry entry, DuplicatePolicy policy, ref CounterDelta delta)
    {
        var values = entry.Values;
        var existing = commands.Query(
            "SELECT i.pk, i.version, l.pk, l.storage_id, l.relative_path, l.transfer_syntax, l.size, l.file_sha256, l.content_sha256, l.frames, l.needs_repair, l.meta_sha256, i.series_pk FROM instance i JOIN location l ON l.pk = i.current_location WHERE i.SOPInstanceUID = $sop",
            reader => (Instance: reader.GetInt64(0), Version: reader.GetInt32(1), Location: reader.GetInt64(2), Blob: ReadLocation(reader, 3), Series: reader.GetInt64(12)),
            ("$sop", entry.SopInstanceUid));
        if (existing is { } found)
        {
            if (found.Blob.ContentSha256 == entry.Location.ContentSha256)
            {
                return new IndexCommitResult(IndexCommitOutcome.Duplicate, found.Version, found.Blob);
            }

            // The same content as a preserved older version is that version sent again, not one more: a re-run import
            // whose files hold two contents for one instance then adds nothing.
            var older = commands.Query(
                "SELECT version, storage_id, relative_path, transfer_syntax, size, file_sha256, content_sha256, frames, needs_repair, meta_sha256 FROM location WHERE instance_pk = $instance AND content_sha256 = $contentSha",
                reader => (Version: reader.GetInt32(0), Blob: ReadLocation(reader, 1)),
                ("$instance", found.Instance),
                ("$contentSha", entry.Location.ContentSha256));
            if (older is { } previous)
            {
                return new IndexCommitResult(IndexCommitOutcome.Duplicate, previous.Version, previous.Blob);
            }

            if (policy == DuplicatePolicy.Reject)
            {
                return new IndexCommitResult(IndexCommitOutcome.Rejected, found.Version, found.Blob);
            }

            var version = found.Version + 1;
            if (policy == DuplicatePolicy.Overwrite)
            {
                commands.Execute("UPDATE instance SET current_location = NULL WHERE pk = $pk", ("$pk", found.Instance));
                commands.Execute("DELETE FROM location WHERE pk = $pk", ("$pk", found.Location));
            }

            var location = InsertLocation(commands, found.Instance, version, entry.Location);
            commands.Execute(
                "UPDATE instance SET version = $version, current_location = $location, attributes = $attributes, SOPClassUID = $class, InstanceNumber = $number, InstanceNumberInt = $numberInt WHERE pk = $pk",
                ("$version", version),
                ("$location", location),
                ("$attributes", Bytes(entry.Attributes)),
                ("$class", entry.SopClassUid),
                ("$number", Value(values, DicomTags.InstanceNumber)),
                ("$numberInt", Integer(values, DicomTags.InstanceNumber)),
                ("$pk", found.Instance));
            commands.Execute(AddSeriesSopClass, ("$series", found.Series), ("$class", entry.SopClassUid));
            return policy == DuplicatePolicy.Overwrite
                ? new IndexCommitResult(IndexCommitOutcome.Overwritten, version, found.Blob)
                : new IndexCommitResult(IndexCommitOutcome.NewVersion, version, null);
        }

        var patientKey = PatientKey(values);
        var patient = commands.Scalar("SELECT pk FROM patient WHERE patient_key = $key", ("$key", patientKey))
            ?? commands.Insert(
                "INSERT INTO patient (patient_key, PatientID, IssuerOfPatientID, PatientName, PatientNameUpper, PatientBirthDate, PatientSex) VALUES ($key, $id, $issuer, $name, $nameUpper, $birth, $sex)",
                ("$key", patientKey),
                ("$id", Value(values, DicomTags.PatientID)),
                ("$issuer", Value(values, DicomTags.IssuerOfPatientID)),
                ("$name", Value(values, DicomTags.PatientName)),
                ("$nameUpper", Value(values, DicomTags.PatientName) is { } name ? PersonNameMatching.Key(name) : null),
                ("$birth", Value(values, DicomTags.PatientBirthDate)),
                ("$sex", Value(values, DicomTags.PatientSex)));

        // A study keeps the patient it was first stored under (a later instance naming another patient does not move it).
        var study = commands.Query("SELECT pk, patient_pk FROM study WHERE StudyInstanceUID = $uid", reader => (Pk: reader.GetInt64(0), Patient: reader.GetInt64(1)), ("$uid", entry.StudyInstanceUid));
        var newStudy = study is null;
        var studyPk = study?.Pk ?? commands.Insert(
            "INSERT INTO study (patient_pk, StudyInstanceUID, StudyDate, StudyTime, AccessionNumber, StudyID, ReferringPhysicianName, ReferringPhysicianNameUpper, StudyDescription) VALUES ($patient, $uid, $date, $time, $accession, $id, $referring, $referringUpper, $description)",
            ("$patient", patient),
            ("$uid", entry.StudyInstanceUid),
            ("$date", Value(values, DicomTags.StudyDate)),
            ("$time", Value(values, DicomTags.StudyTime)),
            ("$accession", Value(values, DicomTags.AccessionNumber)),
            ("$id", Value(values, DicomTags.StudyID)),
            ("$referring", Value(values, DicomTags.ReferringPhysicianName)),
            ("$referringUpper", Value(values, DicomTags.ReferringPhysicianName) is { } referring ? PersonNameMatching.Key(referring) : null),
            ("$description", Value(values, DicomTags.StudyDescription)));
        var studyPatient = study?.Patient ?? patient;

        var series = commands.Scalar("SELECT pk FROM series WHERE SeriesInstanceUID = $uid", ("$uid", entry.SeriesInstanceUid));
        var newSeries = series is null;
        var seriesPk = series ?? commands.Insert(
            "INSERT INTO series (study_pk, SeriesInstanceUID, Modality, SeriesNumber, SeriesNumberInt, SeriesDescription, BodyPartExamined, InstitutionName) VALUES ($study, $uid, $modality, $number, $numberInt, $description, $bodyPart, $institution)",
            ("$study", studyPk),
            ("$uid", entry.SeriesInstanceUid),
            ("$modality", Value(values, DicomTags.Modality)),
            ("$number", Value(values, DicomTags.SeriesNumber)),
            ("$numberInt", Integer(values, DicomTags.SeriesNumber)),
            ("$description", Value(values, DicomTags.SeriesDescription)),
            ("$bodyPart", Value(values, DicomTags.BodyPartExamined)),
            ("$institution", Value(values, DicomTags.InstitutionName)));

        var instance = commands.Insert(
            "INSERT INTO instance (series_pk, SOPInstanceUID, SOPClassUID, InstanceNumber, InstanceNumberInt, version, attributes) VALUES ($series, $uid, $class, $number, $numberInt, 1, $attributes)",
            ("$series", seriesPk),
            ("$uid", entry.SopInstanceUid),
            ("$class", entry.SopClassUid),
            ("$number", Value(values, DicomTags.InstanceNumber)),
            ("$numberInt", Integer(values, DicomTags.InstanceNumber)),
            ("$attributes", Bytes(entry.Attributes)));
        var locationPk = InsertLocation(commands, instance, 1, entry.Location);
        commands.Execute("UPDATE instance SET current_location = $location WHERE pk = $pk", ("$location", locationPk), ("$pk", instance));
        commands.Execute(AddSeriesSopClass, ("$series", seriesPk), ("$class", entry.SopClassUid));

        // Counts are kept, not computed per query; they are added up per batch and written once per
        // row at its end (BatchCounters), not three UPDATEs per instance.
        delta = new CounterDelta(studyPatient, studyPk, seriesPk, instance, newStudy, newSeries);
        return new IndexCommitResult(IndexCommitOutcome.Stored, 1, null);
    }

    private static long InsertLocation(WriterCommands commands, long instance, int version, BlobLocation location) => commands.Insert(
        "INSERT INTO location (instance_pk, version, storage_id, relative_path, transfer_syntax, size, file_sha256, content_sha256, frames, created_utc, needs_repair, meta_sha256) VALUES ($instance, $version, $storage, $path, $syntax, $size, $fileSha, $contentSha, $frames, $created, $needsRepair, $metaSha)",
        ("$instance", instance),
        ("$version", version),
        ("$storage", location.StorageId),
        ("$path", location.RelativePath),
        ("$syntax", location.TransferSyntaxUid),
        ("$size", location.Size),
        ("$fileSha", location.FileSha256 ?? string.Empty), // NOT NULL since schema 1: empty for a version hashed in two parts
        ("$contentSha", location.ContentSha256),
        ("$frames", Bytes(location.Frames)),
        ("$created", Now()),
        ("$needsRepair", location.NeedsRepair is { } repair ? repair ? 1 : 0 : null),
        ("$metaSha", location.MetaSha256));

    /// <summary>
    /// Patients are told apart by Patient ID and its issuer (PS3.3 C.7.1.1); instances without a
    /// Patient ID are grouped by name as well, so anonymous patients are not all merged into one.
    /// </summary>
    private static string PatientKey(IReadOnlyDictionary<DicomTag, string> values)
    {
        var id = Value(values, DicomTags.PatientID) ?? string.Empty;
        var issuer = Value(values, DicomTags.IssuerOfPatientID) ?? string.Empty;
        return id.Length > 0 ? $"{id}\u001F{issuer}" : $"\u001F{issuer}\u001F{Value(values, DicomTags.PatientName)}";
    }

    /// <summary>The array behind <paramref name="memory"/> when it is exactly one, else a copy: SQLite binds arrays.</summary>
    private static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private static string? Value(IReadOnlyDictionary<DicomTag, string> values, DicomTag tag) => values.GetValueOrDefault(tag);

    private static long? Integer(IReadOnlyDictionary<DicomTag, string> values, DicomTag tag) =>
        long.TryParse(Value(values, tag)?.Split('\\')[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
}
