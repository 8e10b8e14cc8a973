-- Which rules wrote a group's row: a hash of the group's definition and when the writing engine
-- loaded its rule files. An engine whose files differ for the group and are older does not
-- evaluate it; newer files take the group over (the most recently loaded configuration wins).
ALTER TABLE vmrules_group_state ADD COLUMN group_hash TEXT NULL;
ALTER TABLE vmrules_group_state ADD COLUMN rules_loaded_at TIMESTAMPTZ NULL;
