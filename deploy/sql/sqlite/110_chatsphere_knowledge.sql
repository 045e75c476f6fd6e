-- Training sources of each chatbot. The embedding (float32 little-endian) is kept beside the content so
-- a knowledge grain can rebuild its in-memory index without re-embedding.
CREATE TABLE IF NOT EXISTS cs_knowledge_sources (
    bot_id        TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    type          INTEGER NOT NULL,
    status        INTEGER NOT NULL,
    progress      REAL    NOT NULL DEFAULT 0,
    error         TEXT    NULL,
    title         TEXT    NOT NULL DEFAULT '',
    content       TEXT    NULL,
    question      TEXT    NULL,
    answer        TEXT    NULL,
    url           TEXT    NULL,
    embedding     BLOB    NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (bot_id, source_id)
);

CREATE INDEX IF NOT EXISTS ix_cs_knowledge_sources_bot_created
    ON cs_knowledge_sources (bot_id, created_at DESC, source_id DESC);
