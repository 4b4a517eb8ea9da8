-- Positions by receive time: the rule worker on the in-process bus reads again, after a restart,
-- the positions received since its last state save (modules/rules/replay.ts). Rows are appended
-- roughly in receive order, so a BRIN index (a few pages per partition, next to nothing per insert)
-- narrows that read to the last pages instead of a scan of every partition.
CREATE INDEX positions_received_at ON positions USING brin (received_at);
