-- Orleans reminders (AdoNetReminderTable) for the embedded shape: one row per grain and reminder name.
-- The version is the reminder's ETag: an upsert moves it on, and a delete removes the row only when the
-- caller names the current version. Start times are stored as Microsoft.Data.Sqlite writes DateTime
-- values (ISO-8601 text, UTC).

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- Parameter and column names below are Orleans' (see Orleans.Reminders.AdoNet, DbStoredQueries).
-- The ring hashes arrive as signed integers; Orleans picks ReadRangeRows1Key when (begin, end] does not
-- wrap in signed order and ReadRangeRows2Key when it does.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period_ms AS Period, version AS Version
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId;
'),
('ReadReminderRowKey', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period_ms AS Period, version AS Version
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
'),
('ReadRangeRows1Key', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period_ms AS Period, version AS Version
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
'),
('ReadRangeRows2Key', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period_ms AS Period, version AS Version
      FROM orleans_reminders
     WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
'),
('UpsertReminderRowKey', '
    INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
       SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
           version = CASE WHEN orleans_reminders.version >= 2147483647 THEN 1 ELSE orleans_reminders.version + 1 END
    RETURNING version AS Version;
'),
('DeleteReminderRowKey', '
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version;
    SELECT changes() > 0 AS Deleted;
'),
('DeleteReminderRowsKey', '
    DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
