-- Rule engine state per vehicle (continuous driving, open episodes, reorder buffer, today's
-- metrics), so a restart does not forget a driver's driving time. One row per vehicle,
-- overwritten by the engine's snapshot loop; the JSON shape is VehicleSnapshot (rules/engine.ts).
CREATE TABLE rule_state (
  vehicle_id text PRIMARY KEY,
  version integer NOT NULL CHECK (version > 0),
  state jsonb NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now()
);
