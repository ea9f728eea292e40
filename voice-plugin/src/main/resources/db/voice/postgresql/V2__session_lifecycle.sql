-- PostgreSQL's form of db/voice/sqlite/V2: the same columns and indexes, timestamps as TIMESTAMPTZ.

-- Why the session ended (an EndReason code).
ALTER TABLE voice_sessions ADD COLUMN end_reason TEXT DEFAULT NULL;

-- Write-ahead claim; V4 gives this column its present meaning.
ALTER TABLE voice_sessions ADD COLUMN state TEXT NOT NULL DEFAULT 'open';

-- The category the channel was created in, one of the facts used to resolve a claim.
ALTER TABLE voice_sessions ADD COLUMN category_id TEXT DEFAULT NULL;

-- When the channel was confirmed gone; NULL on an ended row means reconciliation still has work.
ALTER TABLE voice_sessions ADD COLUMN channel_deleted_at TIMESTAMPTZ DEFAULT NULL;

-- Rows ended before this migration are taken as cleaned up.
UPDATE voice_sessions SET channel_deleted_at = ended_at WHERE ended_at IS NOT NULL;

-- At most one active session per user and guild: older duplicates are ended as orphans.
UPDATE voice_sessions
SET ended_at = CURRENT_TIMESTAMP, end_reason = 'orphan'
WHERE ended_at IS NULL
  AND id NOT IN (SELECT MAX(id) FROM voice_sessions WHERE ended_at IS NULL GROUP BY guild_id, user_id);

CREATE UNIQUE INDEX ux_voice_sessions_active_user ON voice_sessions (guild_id, user_id) WHERE ended_at IS NULL;
CREATE INDEX ix_voice_sessions_channel ON voice_sessions (channel_id);
CREATE INDEX ix_voice_sessions_guild ON voice_sessions (guild_id, ended_at);
