-- Characters of a source counted against its workspace's plan, as last charged: a re-sync charges or gives back the
-- difference, a deletion gives back this amount. (Q&A pairs are charged their question and answer as they are added.)
ALTER TABLE cs_knowledge_sources ADD COLUMN IF NOT EXISTS charged_characters bigint NOT NULL DEFAULT 0;
