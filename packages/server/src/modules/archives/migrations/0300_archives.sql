-- Electronic archives (电子档案, issue #6): enterprises, vehicles, tanks, terminals, personnel,
-- places (parking lots, chemical parks, filling sites, checkpoints), one certificates table for
-- every dated certificate, the filing-review history and the expiry warnings already sent.
--
-- Filing (备案): every archive record has filing_status
--   draft → submitted → (enterprises only: county_approved →) filed, or rejected (with a reason,
--   back to draft on edit). Nothing operates before it is filed: unfiled vehicles cannot go on a
--   waybill and their terminals cannot authenticate.

CREATE TABLE enterprises (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  uscc text NOT NULL CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  address text NOT NULL,
  -- Business scope (经营范围): classes 1–9 and divisions such as '2.1', '6.1'.
  scope_classes smallint[] NOT NULL DEFAULT '{}',
  scope_divisions text[] NOT NULL DEFAULT '{}',
  highly_toxic boolean NOT NULL DEFAULT false,     -- 剧毒化学品
  explosives boolean NOT NULL DEFAULT false,       -- 爆炸品
  radioactive boolean NOT NULL DEFAULT false,      -- 放射性物品
  hazardous_waste boolean NOT NULL DEFAULT false,  -- 医疗废物 / 危险废物
  legal_representative text NOT NULL,
  safety_manager text NOT NULL,
  phone text NOT NULL,
  -- Full-time monitoring staff (动态监控人员): [{ name, phone, certificateNo }]
  monitoring_staff jsonb NOT NULL DEFAULT '[]',
  office_lon double precision,
  office_lat double precision,
  operating_status text NOT NULL DEFAULT 'active' CHECK (operating_status IN ('active', 'suspended', 'withdrawn')),
  filing_status text NOT NULL DEFAULT 'draft'
    CHECK (filing_status IN ('draft', 'submitted', 'county_approved', 'filed', 'rejected')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX enterprises_uscc ON enterprises (uscc);
CREATE INDEX enterprises_district ON enterprises (district_code);
CREATE TRIGGER enterprises_updated_at BEFORE UPDATE ON enterprises FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE vehicles (
  id uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  vehicle_type text NOT NULL CHECK (vehicle_type IN ('tractor', 'trailer', 'rigid_tank', 'van')),
  plate text NOT NULL,
  plate_colour smallint NOT NULL DEFAULT 2 CHECK (plate_colour IN (1, 2, 3, 4, 9)),
  vin text NOT NULL CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
  scope_classes smallint[] NOT NULL DEFAULT '{}',
  -- The class the vehicle mainly carries (the seed's transport-class statistics count by it).
  transport_class smallint CHECK (transport_class BETWEEN 1 AND 9),
  technical_grade smallint NOT NULL DEFAULT 1 CHECK (technical_grade BETWEEN 1 AND 3),
  rated_load_kg integer NOT NULL DEFAULT 0 CHECK (rated_load_kg >= 0),
  operating_status text NOT NULL DEFAULT 'active'
    CHECK (operating_status IN ('active', 'suspended', 'scrapped', 'transferred')),
  filing_status text NOT NULL DEFAULT 'draft'
    CHECK (filing_status IN ('draft', 'submitted', 'county_approved', 'filed', 'rejected')),
  insurer text,
  insurance_amount_yuan bigint CHECK (insurance_amount_yuan IS NULL OR insurance_amount_yuan > 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A plate identifies one vehicle among those in service (a scrapped vehicle's plate may be reissued).
CREATE UNIQUE INDEX vehicles_plate_live ON vehicles (plate, plate_colour) WHERE operating_status <> 'scrapped';
CREATE UNIQUE INDEX vehicles_vin ON vehicles (vin);
CREATE INDEX vehicles_enterprise ON vehicles (enterprise_id);
CREATE TRIGGER vehicles_updated_at BEFORE UPDATE ON vehicles FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE tanks (
  id uuid PRIMARY KEY,
  vehicle_id uuid NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
  tank_no text NOT NULL,
  volume_m3 numeric(6, 2) NOT NULL CHECK (volume_m3 > 0 AND volume_m3 <= 100),
  design_medium text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tanks_vehicle ON tanks (vehicle_id);
CREATE UNIQUE INDEX tanks_no ON tanks (tank_no);
CREATE TRIGGER tanks_updated_at BEFORE UPDATE ON tanks FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE terminals (
  id uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  -- 终端手机号 as in the JT/T 808 header: 12 BCD digits (2013) or 20 (2019), leading zeros kept.
  phone text NOT NULL CHECK (phone ~ '^[0-9]{1,20}$'),
  terminal_code text NOT NULL,   -- 终端ID (7 bytes in 2013, 30 in 2019)
  maker text NOT NULL,
  model text NOT NULL,
  protocol_version text NOT NULL CHECK (protocol_version IN ('2011', '2013', '2019')),
  vehicle_id uuid REFERENCES vehicles (id),
  has_dsm boolean NOT NULL DEFAULT false,
  has_adas boolean NOT NULL DEFAULT false,
  video_channels smallint NOT NULL DEFAULT 0 CHECK (video_channels BETWEEN 0 AND 32),
  filing_status text NOT NULL DEFAULT 'draft'
    CHECK (filing_status IN ('draft', 'submitted', 'county_approved', 'filed', 'rejected')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX terminals_phone ON terminals (phone);
CREATE UNIQUE INDEX terminals_vehicle ON terminals (vehicle_id) WHERE vehicle_id IS NOT NULL;
CREATE TRIGGER terminals_updated_at BEFORE UPDATE ON terminals FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE personnel (
  id uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 30),
  id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  roles text[] NOT NULL CHECK (roles <@ ARRAY['driver', 'escort', 'loading_supervisor'] AND cardinality(roles) > 0),
  phone text,
  licence_class text,
  medical_check_date date,
  photo_url text,
  employment_status text NOT NULL DEFAULT 'employed' CHECK (employment_status IN ('employed', 'left')),
  filing_status text NOT NULL DEFAULT 'draft'
    CHECK (filing_status IN ('draft', 'submitted', 'county_approved', 'filed', 'rejected')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX personnel_id_number ON personnel (id_number);
CREATE INDEX personnel_enterprise ON personnel (enterprise_id);
CREATE TRIGGER personnel_updated_at BEFORE UPDATE ON personnel FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Places with a polygon: parking lots (停车场), chemical parks (化工园区), filling sites
-- (充装企业) and checkpoints (登记点). Filling sites and checkpoints are also account scopes.
CREATE TABLE places (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('parking_lot', 'chemical_park', 'filling_site', 'checkpoint')),
  enterprise_id uuid REFERENCES enterprises (id),
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  address text,
  polygon jsonb NOT NULL,          -- GeoJSON Polygon, WGS-84
  area_m2 integer NOT NULL CHECK (area_m2 > 0),
  spaces integer CHECK (spaces IS NULL OR spaces >= 0),
  centre_lon double precision NOT NULL,
  centre_lat double precision NOT NULL,
  operating_status text NOT NULL DEFAULT 'active' CHECK (operating_status IN ('active', 'closed')),
  filing_status text NOT NULL DEFAULT 'draft'
    CHECK (filing_status IN ('draft', 'submitted', 'county_approved', 'filed', 'rejected')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A parking lot belongs to a transport company (its own or leased).
  CONSTRAINT places_parking_owner CHECK (kind <> 'parking_lot' OR enterprise_id IS NOT NULL)
);
CREATE INDEX places_kind_district ON places (kind, district_code);
CREATE INDEX places_enterprise ON places (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE TRIGGER places_updated_at BEFORE UPDATE ON places FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Every dated certificate of every holder, in one table, so expiry warnings need one query.
CREATE TABLE certificates (
  id uuid PRIMARY KEY,
  holder_type text NOT NULL CHECK (holder_type IN ('enterprise', 'vehicle', 'tank', 'person')),
  holder_id uuid NOT NULL,
  -- The enterprise the holder belongs to (scope of every certificate).
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  kind text NOT NULL CHECK (kind IN (
    'operating_permit',        -- 道路运输经营许可证 (enterprise)
    'road_transport_cert',     -- 道路运输证 (vehicle)
    'annual_review',           -- 年审 / 综合性能检测 (vehicle)
    'liability_insurance',     -- 承运人责任险 (vehicle)
    'tank_inspection',         -- 罐体检验 (tank)
    'qualification',           -- 从业资格证 (person)
    'driving_licence'          -- 机动车驾驶证 (driver)
  )),
  number text,
  category text,               -- qualification category or licence class
  issued_by text,
  valid_until date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX certificates_holder_kind ON certificates (holder_type, holder_id, kind);
CREATE INDEX certificates_valid_until ON certificates (valid_until);
CREATE INDEX certificates_enterprise ON certificates (enterprise_id);
CREATE TRIGGER certificates_updated_at BEFORE UPDATE ON certificates FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The filing-review history: every submission, review and decision with its reason.
CREATE TABLE filing_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_type text NOT NULL CHECK (target_type IN ('enterprise', 'vehicle', 'terminal', 'person', 'place')),
  target_id uuid NOT NULL,
  enterprise_id uuid REFERENCES enterprises (id),
  action text NOT NULL CHECK (action IN ('submit', 'county_approve', 'approve', 'reject', 'reopen')),
  from_status text NOT NULL,
  to_status text NOT NULL,
  reason text,
  actor_id uuid,
  actor_role text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filing_events_target ON filing_events (target_type, target_id, id);

-- Expiry warnings already produced, so the daily job sends each threshold once per certificate
-- and validity date (renewing a certificate starts its warnings afresh). Also the outbox: the
-- event is stored with the warning and published_at is set once the bus has taken it, so a crash
-- between the two loses nothing.
CREATE TABLE certificate_warnings (
  certificate_id uuid NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
  valid_until date NOT NULL,
  threshold_days smallint NOT NULL,
  event jsonb NOT NULL,
  warned_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (certificate_id, valid_until, threshold_days)
);
CREATE INDEX certificate_warnings_unpublished ON certificate_warnings (warned_at) WHERE published_at IS NULL;
