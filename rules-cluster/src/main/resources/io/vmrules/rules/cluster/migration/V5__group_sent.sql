-- What was last sent to Alertmanager for a group's alerts, in a column of its own (it was part of
-- `state`): rewritten only when it changes, which is far less often than every evaluation.
ALTER TABLE vmrules_group_state ADD COLUMN sent TEXT NULL;
