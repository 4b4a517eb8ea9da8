-- IC-card reports (0x0702) as the gateway received them: whose card went into a vehicle's reader
-- and when, and when it came out ("who drove when"), cards whose person is not on file included
-- (person_id NULL, the card's own fields kept). Written before the terminal's report is answered;
-- a report resent for want of an answer is stored once (same vehicle, status, device time, card).
CREATE TABLE driver_card_events (
  id bigserial PRIMARY KEY,
  vehicle_id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  enterprise_id uuid NOT NULL,
  district_code text NOT NULL,
  -- inserted: read in; removed: pulled; unreadable: put in but not read (0x0702 read result ≠ 0)
  status text NOT NULL CHECK (status IN ('inserted', 'removed', 'unreadable')),
  -- the archive person the card names (by ID number or qualification certificate), if any
  person_id uuid,
  driver_name text,
  certificate_number text,
  issuing_authority text,
  card_expiry text,
  id_number text,
  -- the report's own time (the terminal's clock); NULL when it sent no valid time
  device_time timestamptz,
  received_at timestamptz NOT NULL DEFAULT now()
);
-- The terminal's clock counts seconds: the card's own numbers tell two reports of one second apart.
CREATE UNIQUE INDEX driver_card_events_once ON driver_card_events
  (vehicle_id, status, device_time, coalesce(certificate_number, ''), coalesce(id_number, ''));
CREATE INDEX driver_card_events_vehicle ON driver_card_events (vehicle_id, received_at DESC);
-- The rule context's incremental read (modules/rules/context.ts): reports received since its last read.
CREATE INDEX driver_card_events_received ON driver_card_events (received_at);
