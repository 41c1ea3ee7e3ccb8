-- Message search (issue 13). Full-text search with the 'simple' configuration (no stemming, no stop
-- words: every language matches word for word) over a generated column, so no writer can forget it;
-- and trigrams for partial words ("mess" finds "message"), which full-text search cannot do.
-- Case-insensitive matching of non-Latin scripts needs a Unicode-aware ctype (the embedded
-- PostgreSQL is initialised with the builtin C.UTF-8 provider and LC_CTYPE C.UTF-8).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE messages
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;

CREATE INDEX messages_search_vector_idx ON messages USING GIN (search_vector);
CREATE INDEX messages_text_trgm_idx ON messages USING GIN (text gin_trgm_ops);
