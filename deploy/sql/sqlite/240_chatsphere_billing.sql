-- Monthly billing statements: one row per workspace and closed month (yyyy-MM, UTC), written once by the
-- workspace's billing grain when the month ends. Counts are what the workspace used (messages) or held (the rest)
-- at the close; tier is the plan it was on.
CREATE TABLE IF NOT EXISTS cs_billing_statements (
    workspace_id          TEXT    NOT NULL,
    period                TEXT    NOT NULL,
    tier                  INTEGER NOT NULL,
    messages_used         INTEGER NOT NULL,
    messages_limit        INTEGER NOT NULL,
    chatbots              INTEGER NOT NULL,
    sources               INTEGER NOT NULL,
    knowledge_characters  INTEGER NOT NULL,
    seats                 INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, period)
);
