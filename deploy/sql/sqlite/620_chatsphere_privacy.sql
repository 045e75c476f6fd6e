-- Privacy: visitor identity fields and lead answers are encrypted by the silo (see docs/security.md), so
-- erasure by email finds a visitor through keyed hashes (HMAC-SHA256 of the normalised address) instead
-- of the text. Retention and erasure find a workspace's conversations by last activity and by visitor.
ALTER TABLE cs_conversation_visitors ADD COLUMN email_hash TEXT NULL;
ALTER TABLE cs_conversation_visitors ADD COLUMN lead_email_hash TEXT NULL;

CREATE INDEX IF NOT EXISTS ix_cs_conversation_visitors_email_hash ON cs_conversation_visitors (email_hash);
CREATE INDEX IF NOT EXISTS ix_cs_conversation_visitors_lead_email_hash ON cs_conversation_visitors (lead_email_hash);
CREATE INDEX IF NOT EXISTS ix_cs_conversations_workspace_activity ON cs_conversations (workspace_id, last_activity_at);
CREATE INDEX IF NOT EXISTS ix_cs_conversations_workspace_visitor ON cs_conversations (workspace_id, visitor_id);
