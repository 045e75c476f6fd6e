-- Orleans reminders (AdoNetReminderTable): one row per grain and reminder name. Each silo reads the rows
-- whose grain hash falls in its part of the ring. The version is the reminder's ETag: an upsert moves it
-- on, and a delete removes the row only when the caller names the current version.

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      text         NOT NULL,
    reminder_name text         NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- Parameter and column names below are Orleans' (see Orleans.Reminders.AdoNet, DbStoredQueries).
-- The ring hashes arrive as signed integers; Orleans picks ReadRangeRows1Key when (begin, end] does not
-- wrap in signed order and ReadRangeRows2Key when it does.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),
('ReadReminderRowKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period_ms AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),
('UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
       SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
           version = orleans_next_version(orleans_reminders.version)
    RETURNING version AS "Version"
$q$),
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM orleans_reminders
         WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
           AND version = @Version
        RETURNING 1
    )
    SELECT count(*) > 0 AS "Deleted" FROM deleted
$q$),
('DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
