-- ChatSphere's conversation log and the per-chatbot conversation index.
-- Times are Unix milliseconds (UTC). Written by the conversation grains through a group-commit writer.

CREATE TABLE IF NOT EXISTS cs_conversations (
    conversation_id   TEXT    NOT NULL PRIMARY KEY,
    bot_id            TEXT    NOT NULL,
    workspace_id      TEXT    NOT NULL,
    visitor_id        TEXT    NOT NULL,
    page_url          TEXT    NULL,
    started_at        INTEGER NOT NULL,
    last_activity_at  INTEGER NOT NULL,
    last_seq          INTEGER NOT NULL DEFAULT 0,
    last_message      TEXT    NULL
);

-- Paged listing per chatbot, newest activity first: (last_activity_at, conversation_id) is the cursor.
CREATE INDEX IF NOT EXISTS ix_cs_conversations_bot_activity
    ON cs_conversations (bot_id, last_activity_at DESC, conversation_id DESC);

CREATE TABLE IF NOT EXISTS cs_messages (
    conversation_id   TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    message_id        TEXT    NOT NULL,
    client_message_id TEXT    NULL,
    role              INTEGER NOT NULL,
    status            INTEGER NOT NULL,
    text              TEXT    NOT NULL,
    citations         TEXT    NULL,
    created_at        INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;

-- A retried send finds its first attempt; the index also refuses a second copy.
CREATE UNIQUE INDEX IF NOT EXISTS ux_cs_messages_client_id
    ON cs_messages (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;
