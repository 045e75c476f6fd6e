-- The query catalogue of Orleans' ADO.NET providers (grain storage and reminders in the embedded shape).
-- Each provider reads "SELECT QueryKey, QueryText FROM OrleansQuery" once at start-up and runs only those
-- texts, so the table and column names are fixed by Orleans. Later scripts upsert their rows, which keeps
-- every script safe to apply again over an older copy.
--
-- The database file is switched to WAL by ChatSphereDatabase before any script runs (journal_mode cannot be
-- changed inside the migration's transaction); WAL is a property of the file, so the connections Orleans
-- opens on its own use it too.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
