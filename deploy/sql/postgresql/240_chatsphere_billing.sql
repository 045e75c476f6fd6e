-- Monthly billing statements: one row per workspace and closed month (yyyy-MM, UTC), written once by the
-- workspace's billing grain when the month ends. Counts are what the workspace used (messages) or held (the rest)
-- at the close; tier is the plan it was on.
CREATE TABLE IF NOT EXISTS cs_billing_statements (
    workspace_id          varchar(64) NOT NULL,
    period                char(7)     NOT NULL,
    tier                  smallint    NOT NULL,
    messages_used         bigint      NOT NULL,
    messages_limit        bigint      NOT NULL,
    chatbots              bigint      NOT NULL,
    sources               bigint      NOT NULL,
    knowledge_characters  bigint      NOT NULL,
    seats                 bigint      NOT NULL,
    created_at            bigint      NOT NULL,
    PRIMARY KEY (workspace_id, period)
);
