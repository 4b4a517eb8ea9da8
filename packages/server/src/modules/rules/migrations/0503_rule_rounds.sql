-- When the last rule-state snapshot round that completed began (one row). Every position the rule
-- worker had taken before then is in rule_state; a restart on the in-process bus reads the
-- positions received since (less RULES_REPLAY_MARGIN_S) from the position store again.
CREATE TABLE rule_rounds (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  started_at timestamptz NOT NULL
);
