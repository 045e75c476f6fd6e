-- Ingestion: each source's stage, counts and schedule; its pages, chunks and uploaded file.
ALTER TABLE cs_knowledge_sources ADD COLUMN stage smallint NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN progress_done integer NOT NULL DEFAULT 0;
ALTER TABLE cs_knowledge_sources ADD COLUMN progress_total integer NOT NULL DEFAULT 0;
ALTER TABLE cs_knowledge_sources ADD COLUMN pages integer NOT NULL DEFAULT 0;
ALTER TABLE cs_knowledge_sources ADD COLUMN chunks integer NOT NULL DEFAULT 0;
ALTER TABLE cs_knowledge_sources ADD COLUMN characters bigint NOT NULL DEFAULT 0;
ALTER TABLE cs_knowledge_sources ADD COLUMN last_synced_at bigint NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN content_hash varchar(64) NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN sync_interval_minutes integer NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN crawl_options text NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN file_name varchar(500) NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN content_type varchar(200) NULL;
ALTER TABLE cs_knowledge_sources ADD COLUMN size_bytes bigint NULL;

-- Sources still being ingested, found again after a restart.
CREATE INDEX IF NOT EXISTS ix_cs_knowledge_sources_bot_status ON cs_knowledge_sources (bot_id, status);

-- The pages of a source as of its last sync: a URL, a file name, or '' for text and Q&A sources.
CREATE TABLE IF NOT EXISTS cs_knowledge_pages (
    bot_id        varchar(64)   NOT NULL,
    source_id     varchar(64)   NOT NULL,
    page_key      varchar(2048) NOT NULL,
    title         varchar(500)  NOT NULL DEFAULT '',
    content_hash  varchar(64)   NOT NULL,
    characters    bigint        NOT NULL DEFAULT 0,
    chunk_count   integer       NOT NULL DEFAULT 0,
    fetched_at    bigint        NOT NULL,
    PRIMARY KEY (bot_id, source_id, page_key)
);

-- Retrieval units. The embedding (float32 little-endian) is kept so the index is rebuilt without re-embedding.
CREATE TABLE IF NOT EXISTS cs_knowledge_chunks (
    bot_id        varchar(64)   NOT NULL,
    chunk_id      varchar(64)   NOT NULL,
    source_id     varchar(64)   NOT NULL,
    page_key      varchar(2048) NOT NULL,
    title         varchar(500)  NOT NULL DEFAULT '',
    heading_path  text          NOT NULL DEFAULT '',
    text          text          NOT NULL,
    start_offset  integer       NOT NULL,
    end_offset    integer       NOT NULL,
    content_hash  varchar(64)   NOT NULL,
    embedding     bytea         NOT NULL,
    created_at    bigint        NOT NULL,
    PRIMARY KEY (bot_id, chunk_id)
);

CREATE INDEX IF NOT EXISTS ix_cs_knowledge_chunks_source ON cs_knowledge_chunks (bot_id, source_id, page_key);

-- Uploaded documents, kept so a file source can be synced again (for example with new chunk settings).
CREATE TABLE IF NOT EXISTS cs_knowledge_files (
    bot_id        varchar(64)  NOT NULL,
    source_id     varchar(64)  NOT NULL,
    content       bytea        NOT NULL,
    PRIMARY KEY (bot_id, source_id)
);

-- Q&A pairs indexed before chunks existed become one chunk each (their question's embedding).
INSERT INTO cs_knowledge_chunks (bot_id, chunk_id, source_id, page_key, title, heading_path, text, start_offset, end_offset, content_hash, embedding, created_at)
SELECT bot_id, 'chk_' || source_id, source_id, '', COALESCE(question, title), '', COALESCE(answer, ''), 0, 0, '', embedding, created_at
FROM cs_knowledge_sources WHERE type = 2 AND embedding IS NOT NULL
ON CONFLICT DO NOTHING;
UPDATE cs_knowledge_sources SET chunks = 1, pages = 1 WHERE type = 2 AND embedding IS NOT NULL;
