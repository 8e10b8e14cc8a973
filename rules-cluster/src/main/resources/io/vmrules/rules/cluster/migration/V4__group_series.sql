-- The series a group's last evaluation wrote (a JSON array of label sets): the engine that takes
-- the group over marks the ones that vanish stale. Rewritten only when the set changes; NULL in
-- rows written before this column existed.
ALTER TABLE vmrules_group_state ADD COLUMN series TEXT NULL;
