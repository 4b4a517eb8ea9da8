-- The rule engine's world beyond the archive places: regulator-drawn geofences (restricted and
-- ban zones, speed zones, the city boundary), ban windows (限行: zones × goods × time), and the
-- trips detected from the tracks (运次, for the e-waybill usage rate).
--
-- district_code NULL = city-wide (drawn by the city); otherwise the county that owns the row.

-- Geofences. shape (WGS-84, lon/lat order):
--   {"type":"circle","center":[lon,lat],"radiusM":n}
--   {"type":"polygon","coordinates":[[lon,lat],…]}
--   {"type":"corridor","coordinates":[[lon,lat],…],"widthM":n}   (polyline + full width)
-- kinds: restricted_zone = permanently closed (禁行区) to goods_classes (NULL = all hazmat);
-- ban_zone = closed only while a ban window naming it is in force; speed_zone = road class and
-- posted limit; city_boundary = 市界.
CREATE TABLE geofences (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('restricted_zone', 'ban_zone', 'speed_zone', 'city_boundary')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  district_code text CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
  shape jsonb NOT NULL,
  road_class text CHECK (road_class IS NULL OR road_class IN ('expressway', 'other')),
  posted_limit_kmh integer CHECK (posted_limit_kmh IS NULL OR posted_limit_kmh BETWEEN 5 AND 120),
  priority integer NOT NULL DEFAULT 0,
  goods_classes text[],
  active boolean NOT NULL DEFAULT true,
  remarks text,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX geofences_district ON geofences (district_code, kind);
CREATE TRIGGER geofences_updated_at BEFORE UPDATE ON geofences FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Ban windows: during the windows, vehicles carrying the goods are barred from the zones.
-- goods_classes: GB 6944 classes or divisions ('2' covers '2.1'…), or special categories
-- ('highly_toxic', 'explosive', …); NULL = every hazmat vehicle.
-- periods: [{"from": iso, "to": iso}] absolute; daily: [{"start":"HH:MM","end":"HH:MM"}] local
-- time, may wrap midnight, on weekdays (ISO 1 = Mon … 7 = Sun; NULL = every day). Neither
-- periods nor daily = always in force.
CREATE TABLE ban_windows (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  district_code text CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
  zone_ids uuid[] NOT NULL CHECK (cardinality(zone_ids) BETWEEN 1 AND 200),
  goods_classes text[],
  periods jsonb NOT NULL DEFAULT '[]',
  daily jsonb NOT NULL DEFAULT '[]',
  weekdays smallint[],
  enterprise_id uuid REFERENCES enterprises (id),
  basis text,                                        -- 依据: the notice or permit
  active boolean NOT NULL DEFAULT true,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ban_windows_district ON ban_windows (district_code);
CREATE TRIGGER ban_windows_updated_at BEFORE UPDATE ON ban_windows FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Trips detected from the tracks (the rule engine's `trip` episodes, recorded when they end).
-- id = the episode id, so a redelivered event records nothing twice. waybill_id: the active
-- waybill seen during the trip (no foreign key: waybills are migrated later and trips outlive them).
CREATE TABLE trips (
  id text PRIMARY KEY,
  vehicle_id uuid NOT NULL,
  enterprise_id uuid,
  district_code text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  start_lat double precision NOT NULL,
  start_lon double precision NOT NULL,
  end_lat double precision NOT NULL,
  end_lon double precision NOT NULL,
  distance_m integer NOT NULL CHECK (distance_m >= 0),
  moving_s integer NOT NULL CHECK (moving_s >= 0),
  ending text NOT NULL,
  waybill_id uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at >= started_at)
);
CREATE INDEX trips_enterprise ON trips (enterprise_id, started_at);
CREATE INDEX trips_district ON trips (district_code, started_at);
CREATE INDEX trips_vehicle ON trips (vehicle_id, started_at DESC);
