-- A fingerprint of `series`, so an engine that holds the same set (most moves between engines
-- leave it unchanged) does not read and decode it again.
ALTER TABLE vmrules_group_state ADD COLUMN series_print BIGINT NULL;
