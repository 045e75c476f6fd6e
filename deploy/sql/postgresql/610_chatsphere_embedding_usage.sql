-- What each workspace embedded through POST /api/v1/embeddings, per month (yyyymm): requests, texts and tokens.
CREATE TABLE IF NOT EXISTS cs_usage_embeddings_monthly (
    workspace_id  varchar(64) NOT NULL,
    month         integer     NOT NULL,
    requests      bigint      NOT NULL,
    inputs        bigint      NOT NULL,
    tokens        bigint      NOT NULL,
    PRIMARY KEY (workspace_id, month)
);
