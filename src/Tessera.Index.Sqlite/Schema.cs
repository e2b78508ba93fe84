namespace Tessera.Index.Sqlite;

/// <summary>
/// The index schema (version 4; <see cref="Migrations"/> brings older ones up to it). One row per patient, study, series and instance, with every
/// attribute PS3.4 C.6 requires for Patient Root and Study Root queries as a column; the
/// Location table holds each stored version. Person names have a twin column in their matching form
/// (<see cref="Tessera.Archive.Query.PersonNameMatching"/>: upper case, no trailing empty components) so case-insensitive
/// matching, exact or by prefix wildcard, is an index range, not a scan.
/// </summary>
internal static class Schema
{
    public const int Version = 4;

    /// <summary>
    /// The SOP classes of each series' instances, for SOP Classes in Study (PS3.4 C.6.2.1.2) without reading instances: a
    /// series holds one class or a few, so a study's list is a few rows, and an ingest adds a row only for a new class.
    /// </summary>
    private const string SeriesSopClassTable = """
        CREATE TABLE IF NOT EXISTS series_sop_class (
            series_pk INTEGER NOT NULL REFERENCES series (pk),
            SOPClassUID TEXT NOT NULL,
            PRIMARY KEY (series_pk, SOPClassUID)
        ) WITHOUT ROWID;
        """;

    public const string Create = $$"""
        CREATE TABLE IF NOT EXISTS patient (
            pk INTEGER PRIMARY KEY,
            patient_key TEXT NOT NULL UNIQUE,
            PatientID TEXT,
            IssuerOfPatientID TEXT,
            PatientName TEXT,
            PatientNameUpper TEXT, -- PersonNameMatching.Key(PatientName)
            PatientBirthDate TEXT,
            PatientSex TEXT,
            NumberOfPatientRelatedStudies INTEGER NOT NULL DEFAULT 0,
            NumberOfPatientRelatedSeries INTEGER NOT NULL DEFAULT 0,
            NumberOfPatientRelatedInstances INTEGER NOT NULL DEFAULT 0,
            representative_instance INTEGER
        );
        CREATE INDEX IF NOT EXISTS patient_id ON patient (PatientID);
        CREATE INDEX IF NOT EXISTS patient_name ON patient (PatientNameUpper);
        CREATE INDEX IF NOT EXISTS patient_birth_date ON patient (PatientBirthDate);

        CREATE TABLE IF NOT EXISTS study (
            pk INTEGER PRIMARY KEY,
            patient_pk INTEGER NOT NULL REFERENCES patient (pk),
            StudyInstanceUID TEXT NOT NULL UNIQUE,
            StudyDate TEXT,
            StudyTime TEXT,
            AccessionNumber TEXT,
            StudyID TEXT,
            ReferringPhysicianName TEXT,
            ReferringPhysicianNameUpper TEXT,
            StudyDescription TEXT,
            NumberOfStudyRelatedSeries INTEGER NOT NULL DEFAULT 0,
            NumberOfStudyRelatedInstances INTEGER NOT NULL DEFAULT 0,
            representative_instance INTEGER
        );
        CREATE INDEX IF NOT EXISTS study_patient ON study (patient_pk);
        CREATE INDEX IF NOT EXISTS study_date ON study (StudyDate, StudyTime);
        CREATE INDEX IF NOT EXISTS study_accession ON study (AccessionNumber);
        CREATE INDEX IF NOT EXISTS study_referring ON study (ReferringPhysicianNameUpper);

        CREATE TABLE IF NOT EXISTS series (
            pk INTEGER PRIMARY KEY,
            study_pk INTEGER NOT NULL REFERENCES study (pk),
            SeriesInstanceUID TEXT NOT NULL UNIQUE,
            Modality TEXT,
            SeriesNumber TEXT,
            SeriesNumberInt INTEGER,
            SeriesDescription TEXT,
            BodyPartExamined TEXT,
            InstitutionName TEXT,
            NumberOfSeriesRelatedInstances INTEGER NOT NULL DEFAULT 0,
            representative_instance INTEGER
        );
        CREATE INDEX IF NOT EXISTS series_study ON series (study_pk, Modality);

        CREATE TABLE IF NOT EXISTS instance (
            pk INTEGER PRIMARY KEY,
            series_pk INTEGER NOT NULL REFERENCES series (pk),
            SOPInstanceUID TEXT NOT NULL UNIQUE,
            SOPClassUID TEXT NOT NULL,
            InstanceNumber TEXT,
            InstanceNumberInt INTEGER,
            version INTEGER NOT NULL,
            current_location INTEGER,
            attributes BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS instance_series ON instance (series_pk, InstanceNumberInt);

        {{SeriesSopClassTable}}

        CREATE TABLE IF NOT EXISTS location (
            pk INTEGER PRIMARY KEY,
            instance_pk INTEGER NOT NULL REFERENCES instance (pk),
            version INTEGER NOT NULL,
            storage_id TEXT NOT NULL,
            relative_path TEXT NOT NULL,
            transfer_syntax TEXT NOT NULL,
            size INTEGER NOT NULL,
            -- The whole file's SHA-256, or empty for a version hashed in two parts: meta_sha256 and content_sha256.
            file_sha256 TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            frames BLOB NOT NULL,
            created_utc TEXT NOT NULL,
            needs_repair INTEGER,
            meta_sha256 TEXT,
            UNIQUE (instance_pk, version)
        );

        -- One row, rewritten by a durability barrier (SqliteIndexStore.MakeDurableAsync): only a commit that writes syncs
        -- the WAL. Created by this statement in a database of any version, so it needs no migration.
        CREATE TABLE IF NOT EXISTS durable_mark (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            synced_utc TEXT NOT NULL
        );
        """;

    /// <summary>
    /// The statements that bring a database of version N-1 (the key) to version N, run in order for an existing database
    /// older than <see cref="Version"/>; a new one is created at <see cref="Version"/> by <see cref="Create"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, string> Migrations = new Dictionary<int, string>
    {
        // Version 2: location.needs_repair (BlobLocation.NeedsRepair); NULL for rows stored before, which are checked when sent.
        [1] = "ALTER TABLE location ADD COLUMN needs_repair INTEGER;",

        // Version 3: location.meta_sha256 (BlobLocation.MetaSha256); NULL for rows stored before, whose file_sha256 covers the whole file.
        [2] = "ALTER TABLE location ADD COLUMN meta_sha256 TEXT;",

        // Version 4: series_sop_class, filled from the instances stored before (one pass over the instance table); the
        // person names' matching columns in PersonNameMatching's form (person_name_key, defined on the writer's connection).
        [3] = $$"""
            {{SeriesSopClassTable}}
            INSERT OR IGNORE INTO series_sop_class (series_pk, SOPClassUID) SELECT DISTINCT series_pk, SOPClassUID FROM instance;
            UPDATE patient SET PatientNameUpper = person_name_key(PatientName) WHERE PatientName IS NOT NULL;
            UPDATE study SET ReferringPhysicianNameUpper = person_name_key(ReferringPhysicianName) WHERE ReferringPhysicianName IS NOT NULL;
            """,
    };
}
