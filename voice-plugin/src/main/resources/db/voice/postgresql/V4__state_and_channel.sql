-- Rows that say what they mean (see db/voice/sqlite/V4 for the same change on SQLite):
--   state       'creating' while the row is a claim whose channel does not exist yet, 'active' once the
--               channel is recorded, 'ended' once ended_at is set (it used to stay 'open' forever);
--   channel_id  NULL until the channel exists (it used to be '0'), and the channel reconciliation found
--               for a claim that a crash left behind.
ALTER TABLE voice_sessions ALTER COLUMN channel_id DROP NOT NULL;
UPDATE voice_sessions SET channel_id = NULL WHERE channel_id = '0' OR channel_id = '';
UPDATE voice_sessions SET state = CASE
    WHEN ended_at IS NOT NULL THEN 'ended'
    WHEN state = 'creating' THEN 'creating'
    ELSE 'active'
END;
ALTER TABLE voice_sessions ALTER COLUMN state SET DEFAULT 'creating';
ALTER TABLE voice_sessions ADD CONSTRAINT ck_voice_sessions_state CHECK (state IN ('creating', 'active', 'ended'));
