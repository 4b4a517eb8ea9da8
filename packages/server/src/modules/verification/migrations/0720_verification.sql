-- Filling-site check (充装查验) and checkpoint verification (登记点查验), issue #10 parts 5–6.
-- Both tables are historical records: no foreign keys into the archives or waybills, so a record
-- keeps its plate, company and district as they were when it was made (as the alarms table does).

-- One weighing at a filling site: gross − tare = net, against the waybill's planned quantity and
-- the vehicle's rated load. A refused filling is stored too (verdict 'refused', with its reasons).
CREATE TABLE filling_records (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL,                      -- places.id of kind filling_site
  site_district_code text NOT NULL CHECK (site_district_code ~ '^[0-9]{6}$'),
  waybill_id uuid,
  waybill_number text,
  vehicle_id uuid,
  enterprise_id uuid,                         -- the vehicle's company, for company and county scope
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'), -- the company's, else the site's
  plate text NOT NULL,
  plate_colour smallint NOT NULL CHECK (plate_colour IN (1, 2, 3, 4, 9)),
  gross_kg integer NOT NULL CHECK (gross_kg > 0),
  tare_kg integer NOT NULL CHECK (tare_kg > 0 AND tare_kg < gross_kg),
  net_kg integer NOT NULL CHECK (net_kg = gross_kg - tare_kg),
  planned_kg double precision,                -- sum of the waybill's lines in kg (L × density)
  rated_load_kg integer,
  tolerance_kg integer NOT NULL DEFAULT 0,
  verdict text NOT NULL CHECK (verdict IN ('filled', 'refused')),
  reasons jsonb NOT NULL DEFAULT '[]',        -- [{ code, messageZh, messageEn, … }]
  note text,
  operator_id text NOT NULL,
  operator_name text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX filling_records_site ON filling_records (site_id, recorded_at DESC);
CREATE INDEX filling_records_enterprise ON filling_records (enterprise_id, recorded_at DESC);
CREATE INDEX filling_records_district ON filling_records (district_code, recorded_at DESC);
CREATE INDEX filling_records_waybill ON filling_records (waybill_id) WHERE waybill_id IS NOT NULL;

-- One vehicle pass at a checkpoint: from a plate-recognition camera (API key) or recorded by hand
-- by an officer. Camera passes are idempotent on (checkpoint, plate, time).
CREATE TABLE checkpoint_passes (
  id uuid PRIMARY KEY,
  checkpoint_id uuid NOT NULL,                -- places.id of kind checkpoint
  checkpoint_district_code text NOT NULL CHECK (checkpoint_district_code ~ '^[0-9]{6}$'),
  source text NOT NULL CHECK (source IN ('camera', 'manual')),
  plate text NOT NULL,
  plate_colour smallint NOT NULL CHECK (plate_colour IN (1, 2, 3, 4, 9)),
  passed_at timestamptz NOT NULL,
  lane text,
  direction text CHECK (direction IS NULL OR direction IN ('in', 'out')),
  photo_url text,
  vehicle_id uuid,
  enterprise_id uuid,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'), -- the company's, else the checkpoint's
  waybill_id uuid,
  waybill_number text,
  result text NOT NULL CHECK (result IN ('passed', 'flagged')),
  flags jsonb NOT NULL DEFAULT '[]',          -- [{ code, messageZh, messageEn, … }]
  note text,
  recorded_by text NOT NULL,                  -- API key id or officer id
  recorded_by_name text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX checkpoint_passes_once ON checkpoint_passes (checkpoint_id, plate, passed_at);
CREATE INDEX checkpoint_passes_checkpoint ON checkpoint_passes (checkpoint_id, passed_at DESC);
CREATE INDEX checkpoint_passes_enterprise ON checkpoint_passes (enterprise_id, passed_at DESC);
CREATE INDEX checkpoint_passes_district ON checkpoint_passes (district_code, passed_at DESC);

-- Outbox of alarm events: written with the record, published after the commit.
CREATE TABLE verification_outbox (
  id text PRIMARY KEY,
  subject text NOT NULL,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX verification_outbox_unpublished ON verification_outbox (created_at) WHERE published_at IS NULL;
