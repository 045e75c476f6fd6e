-- The audit log of administrative actions: one row per action, never updated or deleted (the triggers refuse it).
CREATE TABLE IF NOT EXISTS cs_audit_log (
    workspace_id  varchar(64)  NOT NULL,
    entry_id      varchar(64)  NOT NULL,
    occurred_at   bigint       NOT NULL,
    action        varchar(100) NOT NULL,
    actor_type    smallint     NOT NULL,
    actor_id      varchar(128) NOT NULL,
    actor_name    varchar(320) NULL,
    target_type   varchar(64)  NULL,
    target_id     varchar(128) NULL,
    ip_hash       varchar(64)  NULL,
    changes       text         NULL,
    PRIMARY KEY (workspace_id, entry_id)
);

CREATE INDEX IF NOT EXISTS ix_cs_audit_log_time ON cs_audit_log (workspace_id, occurred_at DESC, entry_id DESC);
CREATE INDEX IF NOT EXISTS ix_cs_audit_log_actor ON cs_audit_log (workspace_id, actor_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS ix_cs_audit_log_target ON cs_audit_log (workspace_id, target_type, target_id, occurred_at DESC);

CREATE OR REPLACE FUNCTION cs_audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cs_audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS cs_audit_log_no_change ON cs_audit_log;
CREATE TRIGGER cs_audit_log_no_change BEFORE UPDATE OR DELETE ON cs_audit_log
    FOR EACH ROW EXECUTE FUNCTION cs_audit_log_is_append_only();

-- Keys the deployment creates for itself once (the audit log's IP hashing key), shared by every silo.
CREATE TABLE IF NOT EXISTS cs_deployment_keys (
    name   varchar(64) NOT NULL PRIMARY KEY,
    value  bytea       NOT NULL
);
