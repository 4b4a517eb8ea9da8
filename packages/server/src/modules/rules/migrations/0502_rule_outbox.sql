-- Rule events made by the engine and not yet stored on the bus when a rule_state snapshot was
-- saved (rules/state-store.ts): the snapshot already reflects the fixes that made them, so after a
-- crash only this table brings them back. A vehicle's rows are replaced in the statement that
-- saves its snapshot; rows whose events have been stored since are deleted after each snapshot
-- round. The rule worker publishes the rows again at start-up (the bus and the alarms drop copies
-- by msg_id / event id). `seq` is the order a vehicle's events were made in.
CREATE TABLE rule_outbox (
  msg_id text PRIMARY KEY,
  vehicle_id text NOT NULL,
  seq integer NOT NULL,
  event jsonb NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rule_outbox_vehicle ON rule_outbox (vehicle_id);
