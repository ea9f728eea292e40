-- Why the session ended: timeout, user_left, closed, admin_end, max_length, channel_deleted,
-- voice_lost, connect_failed, bot_removed, shutdown, orphan, create_failed, disabled.
ALTER TABLE voice_sessions ADD COLUMN end_reason TEXT DEFAULT NULL;

-- Write-ahead claim: a row is inserted as 'creating' (channel_id '0') before the channel is
-- created on Discord, and becomes 'open' once the channel id is recorded. A 'creating' row left
-- by a crash is resolved at reconciliation from facts the plugin set on the channel.
ALTER TABLE voice_sessions ADD COLUMN state TEXT NOT NULL DEFAULT 'open';

-- The category the channel was created in, one of the facts used to resolve a 'creating' row.
ALTER TABLE voice_sessions ADD COLUMN category_id TEXT DEFAULT NULL;

-- When the channel was confirmed gone. An ended row with no value here still has a channel to
-- delete (the delete failed, or the bot had no access): reconciliation retries it.
ALTER TABLE voice_sessions ADD COLUMN channel_deleted_at DATETIME DEFAULT NULL;

-- Rows ended before this migration are taken as cleaned up.
UPDATE voice_sessions SET channel_deleted_at = ended_at WHERE ended_at IS NOT NULL;

-- At most one active session per user and guild: older duplicates an earlier deployment may have
-- left are ended as orphans; their channels stay flagged for reconciliation.
UPDATE voice_sessions
SET ended_at = CURRENT_TIMESTAMP, end_reason = 'orphan'
WHERE ended_at IS NULL
  AND id NOT IN (SELECT MAX(id) FROM voice_sessions WHERE ended_at IS NULL GROUP BY guild_id, user_id);

CREATE UNIQUE INDEX ux_voice_sessions_active_user ON voice_sessions (guild_id, user_id) WHERE ended_at IS NULL;
CREATE INDEX ix_voice_sessions_channel ON voice_sessions (channel_id);
CREATE INDEX ix_voice_sessions_guild ON voice_sessions (guild_id, ended_at);
