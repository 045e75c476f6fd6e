-- What each workspace embedded through POST /api/v1/embeddings, per month (yyyymm): requests, texts and tokens.
CREATE TABLE IF NOT EXISTS cs_usage_embeddings_monthly (
    workspace_id  TEXT    NOT NULL,
    month         INTEGER NOT NULL,
    requests      INTEGER NOT NULL,
    inputs        INTEGER NOT NULL,
    tokens        INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, month)
) WITHOUT ROWID;
