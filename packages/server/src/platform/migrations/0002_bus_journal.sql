-- The in-process bus's journal (platform/bus/journal.ts). The in-process bus keeps its streams in
-- memory; the streams it is told to journal (the domain events: rule episodes, certificate
-- warnings, verification findings) are also written here before a publish resolves, and deleted
-- once every durable consumer of the stream has settled them, so a crash or a restart loses no
-- event that was published but not yet handled. JetStream deployments keep their own streams and
-- do not use these tables.
CREATE TABLE bus_journal (
  stream text NOT NULL,
  id bigint NOT NULL,            -- publish order within the stream
  subject text NOT NULL,
  msg_id text,                   -- de-duplication id, kept so a republish after a restart is still dropped
  data bytea NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (stream, id)
);

-- The durable consumers a journaled stream has had: after a restart the stream keeps messages for
-- each of them until it has subscribed again and settled them, even if another consumer subscribes first.
CREATE TABLE bus_journal_consumers (
  stream text NOT NULL,
  durable text NOT NULL,
  filter text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, durable)
);
