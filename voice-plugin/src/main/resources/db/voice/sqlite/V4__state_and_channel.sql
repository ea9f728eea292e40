-- Rows that say what they mean:
--   state       'creating' while the row is a claim whose channel does not exist yet, 'active' once the
--               channel is recorded, 'ended' once ended_at is set (it used to stay 'open' forever);
--   channel_id  NULL until the channel exists (it used to be '0'), and the channel reconciliation found
--               for a claim that a crash left behind.
-- SQLite cannot drop a NOT NULL constraint or add a CHECK to a column, so the table is rebuilt with the
-- same columns in the same order, its rows copied with their ids, and its indexes made again.
CREATE TABLE voice_sessions_v4 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    guild_id TEXT NOT NULL,
    channel_id TEXT DEFAULT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    ended_at DATETIME DEFAULT NULL,
    end_reason TEXT DEFAULT NULL,
    state TEXT NOT NULL DEFAULT 'creating' CHECK (state IN ('creating', 'active', 'ended')),
    category_id TEXT DEFAULT NULL,
    channel_deleted_at DATETIME DEFAULT NULL,
    status_channel_id TEXT DEFAULT NULL,
    status_message_id TEXT DEFAULT NULL
);

INSERT INTO voice_sessions_v4 (id, user_id, guild_id, channel_id, created_at, ended_at, end_reason, state,
        category_id, channel_deleted_at, status_channel_id, status_message_id)
SELECT id, user_id, guild_id,
       CASE WHEN channel_id = '0' OR channel_id = '' THEN NULL ELSE channel_id END,
       created_at, ended_at, end_reason,
       CASE WHEN ended_at IS NOT NULL THEN 'ended' WHEN state = 'creating' THEN 'creating' ELSE 'active' END,
       category_id, channel_deleted_at, status_channel_id, status_message_id
FROM voice_sessions;

-- Row ids keep counting from where the old table was.
DELETE FROM sqlite_sequence WHERE name = 'voice_sessions_v4';
INSERT INTO sqlite_sequence (name, seq) SELECT 'voice_sessions_v4', seq FROM sqlite_sequence WHERE name = 'voice_sessions';

DROP TABLE voice_sessions;
ALTER TABLE voice_sessions_v4 RENAME TO voice_sessions;

CREATE UNIQUE INDEX ux_voice_sessions_active_user ON voice_sessions (guild_id, user_id) WHERE ended_at IS NULL;
CREATE INDEX ix_voice_sessions_channel ON voice_sessions (channel_id);
CREATE INDEX ix_voice_sessions_guild ON voice_sessions (guild_id, ended_at);
