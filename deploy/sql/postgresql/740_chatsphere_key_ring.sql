-- The ASP.NET Core Data Protection key ring of the cluster shape (visitor tokens, OIDC state, dashboard cookies):
-- one row per key, written once, never updated. Kept in PostgreSQL so one backup holds everything a restored
-- cluster needs, and a Redis restart (Redis keeps nothing on disk) cannot lose it.
CREATE TABLE IF NOT EXISTS cs_data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
