-- Where the session's status message is (the bot's reply to the request), so that a session ended
-- by reconciliation after a crash or restart can still tell its user that it ended. Both are NULL
-- for rows written before this migration and for requests whose status message has no channel.
ALTER TABLE voice_sessions ADD COLUMN status_channel_id TEXT DEFAULT NULL;
ALTER TABLE voice_sessions ADD COLUMN status_message_id TEXT DEFAULT NULL;
