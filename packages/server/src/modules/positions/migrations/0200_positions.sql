-- Positions (定位数据), partitioned by UTC day. Partitions are created ahead and dropped past
-- the retention by the position store (store.ts), not here. The primary key is the idempotency
-- key (a terminal resend or a bus redelivery never makes a second row) and also serves the
-- track query's (vehicle_id, device_time) range scans. It carries the columns a track returns
-- (INCLUDE), so a track is an index-only scan over one vehicle's contiguous entries instead of
-- one heap page per fix (fixes of all vehicles arrive interleaved): measured on 50 M rows, a
-- 24 h track went from ~50 ms to under 1 ms of execution. vehicle_id has no foreign key:
-- vehicles belong to the archives module, and a fix of a vehicle not yet registered is kept.
CREATE TABLE positions (
  vehicle_id text NOT NULL,
  device_time timestamptz NOT NULL,
  serial integer NOT NULL,
  terminal_id text NOT NULL,
  received_at timestamptz NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  speed real NOT NULL,              -- km/h
  heading smallint NOT NULL,        -- degrees from north
  altitude integer NOT NULL,        -- metres
  alarm_bits bigint NOT NULL,       -- JT/T 808 table 24
  status_bits bigint NOT NULL,      -- JT/T 808 table 25
  mileage real,                     -- km
  signal smallint,
  satellites smallint,
  safety_events jsonb,
  source text NOT NULL,
  valid boolean NOT NULL,
  invalid_reasons text[],
  PRIMARY KEY (vehicle_id, device_time, serial)
    INCLUDE (lat, lon, speed, heading, altitude, alarm_bits, valid, invalid_reasons)
) PARTITION BY RANGE (device_time);

-- Last valid fix per vehicle (实时位置), refreshed in batches from the live state.
CREATE TABLE vehicle_live (
  vehicle_id text PRIMARY KEY,
  terminal_id text NOT NULL,
  device_time timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  speed real NOT NULL,
  heading smallint NOT NULL,
  altitude integer NOT NULL,
  alarm_bits bigint NOT NULL,
  status_bits bigint NOT NULL,
  mileage real,
  last_seen_at timestamptz NOT NULL,  -- latest receipt of any position, valid or not
  updated_at timestamptz NOT NULL DEFAULT now()
);
