-- Answer model accounting and conversation memory. Times are Unix milliseconds (UTC).

-- One row per generated reply: which model answered, tokens in and out, latency. Written in batches.
CREATE TABLE IF NOT EXISTS cs_message_usage (
    conversation_id   varchar(64)  NOT NULL,
    seq               bigint       NOT NULL,
    bot_id            varchar(64)  NOT NULL,
    workspace_id      varchar(64)  NOT NULL,
    model             varchar(200) NOT NULL,
    prompt_tokens     integer      NOT NULL,
    completion_tokens integer      NOT NULL,
    latency_ms        integer      NOT NULL,
    first_token_ms    integer      NULL,
    outcome           varchar(16)  NOT NULL,
    created_at        bigint       NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- Per chatbot per UTC day (yyyymmdd) and model: what analytics and quotas read.
CREATE TABLE IF NOT EXISTS cs_usage_bot_daily (
    bot_id            varchar(64)  NOT NULL,
    day               integer      NOT NULL,
    model             varchar(200) NOT NULL,
    workspace_id      varchar(64)  NOT NULL,
    replies           bigint       NOT NULL,
    prompt_tokens     bigint       NOT NULL,
    completion_tokens bigint       NOT NULL,
    latency_ms_total  bigint       NOT NULL,
    PRIMARY KEY (bot_id, day, model)
);

-- Per workspace per UTC month (yyyymm): what plan quotas read.
CREATE TABLE IF NOT EXISTS cs_usage_workspace_monthly (
    workspace_id      varchar(64)  NOT NULL,
    month             integer      NOT NULL,
    replies           bigint       NOT NULL,
    prompt_tokens     bigint       NOT NULL,
    completion_tokens bigint       NOT NULL,
    PRIMARY KEY (workspace_id, month)
);

-- The running summary of what fell out of a long conversation's prompt window.
CREATE TABLE IF NOT EXISTS cs_conversation_memory (
    conversation_id   varchar(64)  NOT NULL PRIMARY KEY,
    summary           text         NOT NULL,
    summarized_seq    bigint       NOT NULL,
    updated_at        bigint       NOT NULL
);
