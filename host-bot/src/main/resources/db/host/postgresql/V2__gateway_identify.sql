-- IDENTIFY coordination across the processes of one bot (docs/scaling.md, "Shard processes"): one row per
-- max_concurrency bucket (shard_id % max_concurrency). last_identify_at is when a process last sent IDENTIFY
-- in the bucket or, while a process is connecting a shard, the latest time it may send it; epoch
-- milliseconds of the database's clock. A process may identify in the bucket once identifyInterval has
-- passed since then; it reads and writes the row under SELECT ... FOR UPDATE.
CREATE TABLE gateway_identify (
    bucket           INTEGER PRIMARY KEY,
    last_identify_at BIGINT  NOT NULL
);
