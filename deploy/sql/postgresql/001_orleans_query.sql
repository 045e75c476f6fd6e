-- The query catalogue of Orleans' ADO.NET providers (clustering, grain storage, reminders).
-- Each provider reads "SELECT QueryKey, QueryText FROM OrleansQuery" once at start-up and runs only those
-- texts, so the table and column names are fixed by Orleans. Later scripts upsert their rows, which keeps
-- every script safe to apply again over an older copy.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- The next version of a row guarded by optimistic concurrency (membership table, grain state, reminders).
-- It wraps instead of overflowing: a busy grain can outlive 2^31 writes, and only "different from the
-- version the writer read" matters.
CREATE OR REPLACE FUNCTION orleans_next_version(current_version integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN current_version >= 2147483647 THEN 1 ELSE current_version + 1 END
$fn$;
