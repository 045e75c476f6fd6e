-- Widget visitors: ratings of replies and what is known about a conversation's visitor (a signed identity,
-- the lead form's answers). Times are Unix milliseconds (UTC). Written rarely, outside the group commit.

CREATE TABLE IF NOT EXISTS cs_message_feedback (
    conversation_id   varchar(64) NOT NULL,
    seq               BIGINT   NOT NULL,
    message_id        varchar(64) NOT NULL,
    rating            SMALLINT NOT NULL,
    updated_at        BIGINT   NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

CREATE TABLE IF NOT EXISTS cs_conversation_visitors (
    conversation_id   varchar(64) NOT NULL PRIMARY KEY,
    user_id           TEXT     NULL,
    name              TEXT     NULL,
    email             TEXT     NULL,
    verified          SMALLINT NOT NULL DEFAULT 0,
    lead              TEXT     NULL,
    updated_at        BIGINT   NOT NULL
);
