-- Gateway: authentication codes issued at registration (0x8100) and checked at authentication
-- (0x0102), and the record of every command sent to a terminal.
CREATE TABLE gateway_auth_codes (
  terminal_id uuid PRIMARY KEY REFERENCES terminals (id) ON DELETE CASCADE,
  auth_code text NOT NULL CHECK (length(auth_code) BETWEEN 8 AND 64),
  issued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gateway_commands (
  id uuid PRIMARY KEY,
  vehicle_id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  -- Owner at the time of sending, for the data scope of the record.
  enterprise_id uuid NOT NULL,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  kind text NOT NULL
    CHECK (kind IN ('text', 'set_parameters', 'query_parameters', 'location_query', 'tracking')),
  message_id integer NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'acknowledged', 'failed', 'timed_out')),
  serial integer,
  attempts smallint NOT NULL DEFAULT 0,
  -- 0x0001 result (0 OK, 1 failure, 2 bad message, 3 unsupported) or 0 for a data reply (0x0104, 0x0201).
  result smallint,
  response jsonb,
  failure text,
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  answered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gateway_commands_vehicle ON gateway_commands (vehicle_id, created_at DESC);
CREATE TRIGGER gateway_commands_updated_at BEFORE UPDATE ON gateway_commands
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
