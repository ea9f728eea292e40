-- The conversation queue's requests, one row per waiting or active request, so that a restart finds the
-- line as it was (PostgreSQL's form is in db/host/postgresql). A row is inserted before the request's
-- status message is sent, records the message once it is, becomes 'active' when the request gets a slot,
-- and is deleted when the request ends (completed, failed, cancelled or dropped).
--
--   arrival            the request's place in line: when the bot received its command, in microseconds
--                      since the epoch, unique and increasing within one process; the line is ordered by
--                      (arrival, id)
--   *_at               epoch milliseconds
--   command_kind       how to reach the user again after a restart: 'message' (a prefix command; command_id
--                      is the user's message, which the status message replies to), 'interaction' (a slash
--                      command; command_id is the interaction, interaction_token its token, a credential
--                      that Discord accepts until token_expires_at) or 'none'
--   status_kind        the status message once sent: 'channel' (a channel message), 'original' or
--                      'followup' (an interaction response, edited through the token while it is valid)
-- Ids are text, as Discord snowflakes are unsigned 64-bit values.
CREATE TABLE host_queue_request (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    guild_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    arrival INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'active')),
    created_at INTEGER NOT NULL,
    granted_at INTEGER DEFAULT NULL,
    command_kind TEXT NOT NULL DEFAULT 'none' CHECK (command_kind IN ('message', 'interaction', 'none')),
    command_id TEXT DEFAULT NULL,
    interaction_token TEXT DEFAULT NULL,
    token_expires_at INTEGER DEFAULT NULL,
    status_kind TEXT DEFAULT NULL CHECK (status_kind IN ('channel', 'original', 'followup')),
    status_channel_id TEXT DEFAULT NULL,
    status_message_id TEXT DEFAULT NULL
);

-- One request per user, whichever process of the bot holds it.
CREATE UNIQUE INDEX ux_host_queue_request_user ON host_queue_request (user_id);
CREATE INDEX ix_host_queue_request_line ON host_queue_request (state, arrival, id);
