-- Orleans grain state (AdoNetGrainStorage): one row per grain and state type, the serialized state and a
-- version that is the grain's ETag.
--
-- Optimistic concurrency: a write or clear names the version it read (@GrainStateVersion, NULL for a grain
-- never written). It changes the row only when that version is still current and answers the new version;
-- otherwise it changes nothing and answers NULL, and Orleans raises InconsistentStateException.
-- A grain id is (N0, N1, extension) for integer and Guid keys, or the whole key as the extension for string
-- keys; the two hashes are Orleans' own and only make the lookup cheap.

CREATE TABLE IF NOT EXISTS orleans_storage (
    grain_id_hash      integer      NOT NULL,
    grain_type_hash    integer      NOT NULL,
    service_id         varchar(150) NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_type         text         NOT NULL,
    grain_id_extension text         NULL,
    payload            bytea        NULL,
    version            integer      NOT NULL,
    modified_at        timestamptz  NOT NULL DEFAULT now()
);

-- One row per grain: NULL and '' extensions stay distinct ('+' prefix), and two first writes of the same
-- grain cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_storage_grain ON orleans_storage (
    grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
    (COALESCE('+' || grain_id_extension, '')));

-- Parameter and column names below are Orleans' (see Orleans.Persistence.AdoNet, AdoNetGrainStorage).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
    SELECT payload AS "PayloadBinary", version AS "Version"
      FROM orleans_storage
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
       AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleans_storage
           SET payload = @PayloadBinary, version = orleans_next_version(version), modified_at = now()
         WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
           AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
           AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
           AND version = @GrainStateVersion
        RETURNING version
    ), inserted AS (
        INSERT INTO orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
                                     grain_type, grain_id_extension, payload, version)
        SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
               @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
         WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    )
    SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS "NewGrainStateVersion"
$q$),
('ClearStorageKey', $q$
    WITH cleared AS (
        UPDATE orleans_storage
           SET payload = NULL, version = orleans_next_version(version), modified_at = now()
         WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
           AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
           AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
           AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$q$),
('DeleteStorageKey', $q$
    WITH deleted AS (
        DELETE FROM orleans_storage
         WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
           AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
           AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
           AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT (SELECT orleans_next_version(version) FROM deleted) AS "NewGrainStateVersion"
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
