-- For queue.scope: cluster (PostgreSQL only; the columns exist on SQLite too, unused, so that both schemas
-- stay at the same version):
--   owner              the process that holds the row: it grants it, edits its status message, renews it
--   lease_expires_at   epoch milliseconds; the owner renews it with its heartbeat. An active row whose lease
--                      has run out belongs to a process that died: the next grant round deletes it and its
--                      slot is free again. A waiting row whose lease ran out keeps its place but is skipped
--                      until a process serving its guild takes it over (at its start).
ALTER TABLE host_queue_request ADD COLUMN owner TEXT DEFAULT NULL;
ALTER TABLE host_queue_request ADD COLUMN lease_expires_at INTEGER DEFAULT NULL;
