-- For queue.scope: cluster; db/host/sqlite/V2__queue_leases.sql explains the columns.
ALTER TABLE host_queue_request ADD COLUMN owner TEXT DEFAULT NULL;
ALTER TABLE host_queue_request ADD COLUMN lease_expires_at BIGINT DEFAULT NULL;
