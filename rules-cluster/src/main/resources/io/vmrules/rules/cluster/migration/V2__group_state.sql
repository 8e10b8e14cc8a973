-- Cluster mode's shared state. One row per rule group: the alert state of its rules as a JSON
-- document, read at the start of an evaluation and written at its end; `version` refuses a
-- stale writer (an engine that lost the group to another while it evaluated).
CREATE TABLE vmrules_group_state (
  group_key  TEXT PRIMARY KEY,
  version    BIGINT      NOT NULL,
  last_slot  TIMESTAMPTZ NULL,
  engine     TEXT        NOT NULL,
  state      JSONB       NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The engines of the cluster and the hash of their rule files (configuration drift).
CREATE TABLE vmrules_engines (
  instance_id TEXT PRIMARY KEY,
  rules_hash  TEXT        NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL,
  seen_at     TIMESTAMPTZ NOT NULL
);
