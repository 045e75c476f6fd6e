-- Live operations (docs/live-operations.md): who answers a conversation (mode, holder, turn), whether it is open,
-- who it is assigned to, how many bot replies were the fallback; agents' messages (author, private notes);
-- full-text search over messages; canned responses per workspace.
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS mode smallint NOT NULL DEFAULT 1;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS status smallint NOT NULL DEFAULT 1;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS assignee_id varchar(64) NULL;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS held_by_id varchar(64) NULL;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS held_by_name varchar(200) NULL;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS held_by_avatar varchar(2048) NULL;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS turn bigint NOT NULL DEFAULT 0;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS unanswered integer NOT NULL DEFAULT 0;
ALTER TABLE cs_conversations ADD COLUMN IF NOT EXISTS closed_at bigint NULL;

-- The workspace inbox: newest activity first, (last_activity_at, conversation_id) is the cursor.
CREATE INDEX IF NOT EXISTS ix_cs_conversations_workspace_inbox
    ON cs_conversations (workspace_id, last_activity_at DESC, conversation_id DESC);

ALTER TABLE cs_messages ADD COLUMN IF NOT EXISTS author_id varchar(64) NULL;
ALTER TABLE cs_messages ADD COLUMN IF NOT EXISTS author_name varchar(200) NULL;
ALTER TABLE cs_messages ADD COLUMN IF NOT EXISTS is_private smallint NOT NULL DEFAULT 0;

-- Full-text search of the inbox (q=): a generated tsvector with a GIN index, queried with websearch_to_tsquery.
-- 'simple' (no stemming) because a workspace's bots speak many languages.
ALTER TABLE cs_messages ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX IF NOT EXISTS ix_cs_messages_search ON cs_messages USING GIN (search);

CREATE TABLE IF NOT EXISTS cs_canned_responses (
    workspace_id  varchar(64)  NOT NULL,
    response_id   varchar(64)  NOT NULL,
    shortcut      varchar(64)  NOT NULL,
    title         varchar(200) NOT NULL,
    text          text         NOT NULL,
    created_at    bigint       NOT NULL,
    updated_at    bigint       NOT NULL,
    PRIMARY KEY (workspace_id, response_id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_cs_canned_responses_shortcut ON cs_canned_responses (workspace_id, shortcut);
