-- ChatSphere's conversation log and the per-chatbot conversation index.
-- Times are Unix milliseconds (UTC). Written by the conversation grains through a group-commit writer.

CREATE TABLE IF NOT EXISTS cs_conversations (
    conversation_id   varchar(64)  NOT NULL PRIMARY KEY,
    bot_id            varchar(64)  NOT NULL,
    workspace_id      varchar(64)  NOT NULL,
    visitor_id        varchar(64)  NOT NULL,
    page_url          varchar(2048) NULL,
    started_at        bigint       NOT NULL,
    last_activity_at  bigint       NOT NULL,
    last_seq          bigint       NOT NULL DEFAULT 0,
    last_message      varchar(200) NULL
);

-- Paged listing per chatbot, newest activity first: (last_activity_at, conversation_id) is the cursor.
CREATE INDEX IF NOT EXISTS ix_cs_conversations_bot_activity
    ON cs_conversations (bot_id, last_activity_at DESC, conversation_id DESC);

CREATE TABLE IF NOT EXISTS cs_messages (
    conversation_id   varchar(64)  NOT NULL,
    seq               bigint       NOT NULL,
    message_id        varchar(64)  NOT NULL,
    client_message_id varchar(128) NULL,
    role              smallint     NOT NULL,
    status            smallint     NOT NULL,
    text              text         NOT NULL,
    citations         text         NULL,
    created_at        bigint       NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- A retried send finds its first attempt; the index also refuses a second copy.
CREATE UNIQUE INDEX IF NOT EXISTS ux_cs_messages_client_id
    ON cs_messages (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;
