-- The retrieved knowledge each reply was generated from (source, heading, score, text as retrieved then), as a JSON
-- array, for the playground's per-reply details. Conversation data: deleted with the conversation (retention, erasure).
CREATE TABLE IF NOT EXISTS cs_message_hits (
    conversation_id   varchar(64)  NOT NULL,
    seq               bigint       NOT NULL,
    workspace_id      varchar(64)  NOT NULL,
    hits              text         NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
