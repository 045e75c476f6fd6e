-- Answer model accounting and conversation memory. Times are Unix milliseconds (UTC).

-- One row per generated reply: which model answered, tokens in and out, latency. Written in batches.
CREATE TABLE IF NOT EXISTS cs_message_usage (
    conversation_id   TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    bot_id            TEXT    NOT NULL,
    workspace_id      TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    latency_ms        INTEGER NOT NULL,
    first_token_ms    INTEGER NULL,
    outcome           TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;

-- Per chatbot per UTC day (yyyymmdd) and model: what analytics and quotas read.
CREATE TABLE IF NOT EXISTS cs_usage_bot_daily (
    bot_id            TEXT    NOT NULL,
    day               INTEGER NOT NULL,
    model             TEXT    NOT NULL,
    workspace_id      TEXT    NOT NULL,
    replies           INTEGER NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    latency_ms_total  INTEGER NOT NULL,
    PRIMARY KEY (bot_id, day, model)
) WITHOUT ROWID;

-- Per workspace per UTC month (yyyymm): what plan quotas read.
CREATE TABLE IF NOT EXISTS cs_usage_workspace_monthly (
    workspace_id      TEXT    NOT NULL,
    month             INTEGER NOT NULL,
    replies           INTEGER NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, month)
) WITHOUT ROWID;

-- The running summary of what fell out of a long conversation's prompt window.
CREATE TABLE IF NOT EXISTS cs_conversation_memory (
    conversation_id   TEXT    NOT NULL PRIMARY KEY,
    summary           TEXT    NOT NULL,
    summarized_seq    INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
) WITHOUT ROWID;
