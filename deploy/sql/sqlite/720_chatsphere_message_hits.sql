-- The retrieved knowledge each reply was generated from (source, heading, score, text as retrieved then), as a JSON
-- array, for the playground's per-reply details. Conversation data: deleted with the conversation (retention, erasure).
CREATE TABLE IF NOT EXISTS cs_message_hits (
    conversation_id   TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    workspace_id      TEXT    NOT NULL,
    hits              TEXT    NOT NULL,
    PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
