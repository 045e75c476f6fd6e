-- Training sources of each chatbot. The embedding (float32 little-endian) is kept beside the content so
-- a knowledge grain can rebuild its in-memory index without re-embedding.
CREATE TABLE IF NOT EXISTS cs_knowledge_sources (
    bot_id        varchar(64)  NOT NULL,
    source_id     varchar(64)  NOT NULL,
    type          smallint     NOT NULL,
    status        smallint     NOT NULL,
    progress      double precision NOT NULL DEFAULT 0,
    error         text         NULL,
    title         varchar(500) NOT NULL DEFAULT '',
    content       text         NULL,
    question      text         NULL,
    answer        text         NULL,
    url           varchar(2048) NULL,
    embedding     bytea        NULL,
    created_at    bigint       NOT NULL,
    updated_at    bigint       NOT NULL,
    PRIMARY KEY (bot_id, source_id)
);

CREATE INDEX IF NOT EXISTS ix_cs_knowledge_sources_bot_created
    ON cs_knowledge_sources (bot_id, created_at DESC, source_id DESC);
