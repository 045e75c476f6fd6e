-- Which embedding model made each chunk's vector, and the vector's version (raised whenever the chunk is embedded
-- again). A vector store keeps both beside its copy, so on activation it is brought in step with this table instead of
-- being rebuilt; chunks of another model than the configured one are embedded again from their text.
-- Chunks stored before this migration were all embedded by the offline MiniLM model.
ALTER TABLE cs_knowledge_chunks ADD COLUMN embedding_model TEXT NOT NULL DEFAULT 'embedded:all-MiniLM-L6-v2';
ALTER TABLE cs_knowledge_chunks ADD COLUMN vector_version INTEGER NOT NULL DEFAULT 1;
