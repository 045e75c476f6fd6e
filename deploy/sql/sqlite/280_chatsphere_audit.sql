-- The audit log of administrative actions: one row per action, never updated or deleted (the triggers refuse it).
CREATE TABLE IF NOT EXISTS cs_audit_log (
    workspace_id  TEXT    NOT NULL,
    entry_id      TEXT    NOT NULL,
    occurred_at   INTEGER NOT NULL,
    action        TEXT    NOT NULL,
    actor_type    INTEGER NOT NULL,
    actor_id      TEXT    NOT NULL,
    actor_name    TEXT    NULL,
    target_type   TEXT    NULL,
    target_id     TEXT    NULL,
    ip_hash       TEXT    NULL,
    changes       TEXT    NULL,
    PRIMARY KEY (workspace_id, entry_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_cs_audit_log_time ON cs_audit_log (workspace_id, occurred_at DESC, entry_id DESC);
CREATE INDEX IF NOT EXISTS ix_cs_audit_log_actor ON cs_audit_log (workspace_id, actor_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS ix_cs_audit_log_target ON cs_audit_log (workspace_id, target_type, target_id, occurred_at DESC);

CREATE TRIGGER IF NOT EXISTS cs_audit_log_no_update BEFORE UPDATE ON cs_audit_log
BEGIN
    SELECT RAISE(ABORT, 'cs_audit_log is append-only');
END;

CREATE TRIGGER IF NOT EXISTS cs_audit_log_no_delete BEFORE DELETE ON cs_audit_log
BEGIN
    SELECT RAISE(ABORT, 'cs_audit_log is append-only');
END;

-- Keys the deployment creates for itself once (the audit log's IP hashing key).
CREATE TABLE IF NOT EXISTS cs_deployment_keys (
    name   TEXT NOT NULL PRIMARY KEY,
    value  BLOB NOT NULL
);
