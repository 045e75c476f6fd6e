-- Live operations (docs/live-operations.md): who answers a conversation (mode, holder, turn), whether it is open,
-- who it is assigned to, how many bot replies were the fallback; agents' messages (author, private notes);
-- full-text search over messages (FTS5, kept by triggers); canned responses per workspace.
ALTER TABLE cs_conversations ADD COLUMN mode INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cs_conversations ADD COLUMN status INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cs_conversations ADD COLUMN assignee_id TEXT NULL;
ALTER TABLE cs_conversations ADD COLUMN held_by_id TEXT NULL;
ALTER TABLE cs_conversations ADD COLUMN held_by_name TEXT NULL;
ALTER TABLE cs_conversations ADD COLUMN held_by_avatar TEXT NULL;
ALTER TABLE cs_conversations ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cs_conversations ADD COLUMN unanswered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cs_conversations ADD COLUMN closed_at INTEGER NULL;

-- The workspace inbox: newest activity first, (last_activity_at, conversation_id) is the cursor.
CREATE INDEX IF NOT EXISTS ix_cs_conversations_workspace_inbox
    ON cs_conversations (workspace_id, last_activity_at DESC, conversation_id DESC);

ALTER TABLE cs_messages ADD COLUMN author_id TEXT NULL;
ALTER TABLE cs_messages ADD COLUMN author_name TEXT NULL;
ALTER TABLE cs_messages ADD COLUMN is_private INTEGER NOT NULL DEFAULT 0;

-- Full-text search of the inbox (q=): an FTS5 index of the message texts, kept in step with cs_messages by triggers
-- (so it goes with the messages when a conversation is purged).
CREATE VIRTUAL TABLE IF NOT EXISTS cs_messages_fts USING fts5(
    text, conversation_id UNINDEXED, seq UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO cs_messages_fts (text, conversation_id, seq) SELECT text, conversation_id, seq FROM cs_messages;

CREATE TRIGGER IF NOT EXISTS cs_messages_fts_insert AFTER INSERT ON cs_messages BEGIN
    INSERT INTO cs_messages_fts (text, conversation_id, seq) VALUES (new.text, new.conversation_id, new.seq);
END;

CREATE TRIGGER IF NOT EXISTS cs_messages_fts_update AFTER UPDATE OF text ON cs_messages BEGIN
    DELETE FROM cs_messages_fts WHERE conversation_id = old.conversation_id AND seq = old.seq;
    INSERT INTO cs_messages_fts (text, conversation_id, seq) VALUES (new.text, new.conversation_id, new.seq);
END;

CREATE TRIGGER IF NOT EXISTS cs_messages_fts_delete AFTER DELETE ON cs_messages BEGIN
    DELETE FROM cs_messages_fts WHERE conversation_id = old.conversation_id AND seq = old.seq;
END;

CREATE TABLE IF NOT EXISTS cs_canned_responses (
    workspace_id  TEXT    NOT NULL,
    response_id   TEXT    NOT NULL,
    shortcut      TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, response_id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_cs_canned_responses_shortcut ON cs_canned_responses (workspace_id, shortcut);
