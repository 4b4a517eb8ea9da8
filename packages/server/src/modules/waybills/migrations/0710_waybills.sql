-- Electronic waybills (电子运单): one vehicle, one trip, one waybill. Field list after
-- regulations.md §4.5 (the MoT form itself is not public; keep the set reconstructed there).
CREATE TABLE waybills (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,                               -- 运单编号
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),   -- 承运人 (carrier)
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'), -- the carrier's, for county scope
  status text NOT NULL DEFAULT 'draft' CHECK (status IN (
    'draft', 'submitted', 'check_failed', 'checked', 'loading', 'in_transit', 'unloaded', 'closed', 'cancelled')),
  consignor_name text NOT NULL,                               -- 托运人
  consignor_phone text NOT NULL,
  consignee_name text NOT NULL,                               -- 收货人
  consignee_phone text NOT NULL,
  loader_name text,                                           -- 装货人
  loader_phone text,
  vehicle_id uuid NOT NULL REFERENCES vehicles (id),
  trailer_id uuid REFERENCES vehicles (id),                   -- 挂车
  tank_id uuid REFERENCES tanks (id),                         -- 罐体 (on the vehicle or the trailer)
  driver_id uuid REFERENCES personnel (id),                   -- 驾驶员
  escort_id uuid REFERENCES personnel (id),                   -- 押运员
  origin_name text NOT NULL,                                  -- 起运地
  origin_place_id uuid REFERENCES places (id),                -- a filed filling site / park, when known
  origin_lon double precision,
  origin_lat double precision,
  destination_name text NOT NULL,                             -- 目的地
  destination_place_id uuid REFERENCES places (id),
  destination_lon double precision,
  destination_lat double precision,
  route jsonb,                                                -- planned route: GeoJSON LineString, WGS-84
  route_corridor_m integer CHECK (route_corridor_m IS NULL OR route_corridor_m BETWEEN 50 and 10000),
  planned_departure timestamptz NOT NULL,                     -- 起运日期
  planned_arrival timestamptz,
  dispatcher_name text,                                       -- 调度人
  dispatched_at timestamptz,                                  -- 调度日期
  public_security_permit_no text,                             -- 剧毒/爆炸品/放射性 permits (办法 第十五条)
  remarks text,                                               -- 备注
  check_results jsonb,                                        -- last automatic check: [{ code, passed, … }]
  checked_at timestamptz,
  departed_at timestamptz,
  arrived_at timestamptz,
  closed_at timestamptz,
  cancel_reason text,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (planned_arrival IS NULL OR planned_arrival > planned_departure)
);

-- One vehicle, one trip, one waybill: at most one active waybill per vehicle and per trailer.
CREATE UNIQUE INDEX waybills_one_active_vehicle ON waybills (vehicle_id)
  WHERE status IN ('checked', 'loading', 'in_transit');
CREATE UNIQUE INDEX waybills_one_active_trailer ON waybills (trailer_id)
  WHERE trailer_id IS NOT NULL AND status IN ('checked', 'loading', 'in_transit');
CREATE INDEX waybills_enterprise ON waybills (enterprise_id, created_at DESC);
CREATE INDEX waybills_district ON waybills (district_code, created_at DESC);
CREATE INDEX waybills_status ON waybills (status) WHERE status NOT IN ('closed', 'cancelled');

-- Goods lines: UN number, name, class, packing group, packaging, quantity.
CREATE TABLE waybill_lines (
  waybill_id uuid NOT NULL REFERENCES waybills (id) ON DELETE CASCADE,
  line_no smallint NOT NULL CHECK (line_no BETWEEN 1 AND 50),
  un_number text NOT NULL CHECK (un_number ~ '^[0-9]{4}$'),
  name text NOT NULL,                                         -- 正确运输名称 as written on the waybill
  hazard_class text NOT NULL,
  packing_group text CHECK (packing_group IN ('I', 'II', 'III')),
  packaging text NOT NULL,                                    -- 包装规格: 'tank' or the package description
  package_count integer CHECK (package_count IS NULL OR package_count > 0),
  quantity numeric(12, 3) NOT NULL CHECK (quantity > 0),
  unit text NOT NULL CHECK (unit IN ('kg', 'L')),
  PRIMARY KEY (waybill_id, line_no)
);

-- Every transition with actor and time (the lifecycle history).
CREATE TABLE waybill_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  waybill_id uuid NOT NULL REFERENCES waybills (id) ON DELETE CASCADE,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_id uuid,                                              -- null for the system (tracks, checks)
  actor_role text,
  note text,
  detail jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waybill_events_waybill ON waybill_events (waybill_id, id);
