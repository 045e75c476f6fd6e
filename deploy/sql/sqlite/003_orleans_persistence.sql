-- Orleans grain state (AdoNetGrainStorage) for the embedded shape: one row per grain and state type, the
-- serialized state and a version that is the grain's ETag.
--
-- Optimistic concurrency: a write or clear names the version it read (@GrainStateVersion, NULL for a grain
-- never written). It changes the row only when that version is still current and answers the new version;
-- otherwise it changes nothing and answers NULL, and Orleans raises InconsistentStateException.
-- Each query is a single data-changing statement (atomic under SQLite's write lock) followed, where Orleans
-- needs an answer row in every case, by "SELECT NULL ... WHERE changes() = 0".

CREATE TABLE IF NOT EXISTS orleans_storage (
    grain_id_hash      INTEGER NOT NULL,
    grain_type_hash    INTEGER NOT NULL,
    service_id         TEXT    NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    grain_type         TEXT    NOT NULL,
    grain_id_extension TEXT    NULL,
    payload            BLOB    NULL,
    version            INTEGER NOT NULL,
    modified_at        TEXT    NOT NULL
);

-- One row per grain: NULL and '' extensions stay distinct ('+' prefix).
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_storage_grain ON orleans_storage (
    grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
    COALESCE('+' || grain_id_extension, ''));

-- Parameter and column names below are Orleans' (see Orleans.Persistence.AdoNet, AdoNetGrainStorage).
-- A first write (no version) inserts; a write naming a version updates that version only; a row that was
-- written meanwhile, or removed, makes the write change nothing.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT payload AS PayloadBinary, version AS Version
      FROM orleans_storage
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
       AND grain_id_extension IS @GrainIdExtensionString;
'),
('WriteToStorageKey', '
    INSERT INTO orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
                                 grain_type, grain_id_extension, payload, version, modified_at)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
           @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1, strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
     WHERE @GrainStateVersion IS NULL
        OR EXISTS (SELECT 1 FROM orleans_storage
                    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
                      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
                      AND grain_id_extension IS @GrainIdExtensionString)
    ON CONFLICT (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
                 COALESCE(''+'' || grain_id_extension, '''')) DO UPDATE
       SET payload = excluded.payload,
           version = CASE WHEN orleans_storage.version >= 2147483647 THEN 1 ELSE orleans_storage.version + 1 END,
           modified_at = excluded.modified_at
     WHERE orleans_storage.version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;
    SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
'),
('ClearStorageKey', '
    UPDATE orleans_storage
       SET payload = NULL,
           version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END,
           modified_at = strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
       AND grain_id_extension IS @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;
    SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
'),
('DeleteStorageKey', '
    DELETE FROM orleans_storage
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
       AND grain_id_extension IS @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END AS NewGrainStateVersion;
    SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
