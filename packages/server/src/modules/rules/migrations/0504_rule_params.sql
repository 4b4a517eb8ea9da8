-- Rule thresholds (规则阈值) set by regulators: the city's for every vehicle, and overrides per
-- enterprise and per vehicle. A vehicle's parameters are the defaults (rules/params.ts, from the
-- regulations) ← the city's ← its enterprise's ← its own. Only the keys set are stored; clearing
-- a layer deletes its row. `basis` names the notice or decision the values come from.
CREATE TABLE rule_params (
  scope_type text NOT NULL CHECK (scope_type IN ('city', 'enterprise', 'vehicle')),
  scope_id uuid,
  overrides jsonb NOT NULL CHECK (jsonb_typeof(overrides) = 'object'),
  basis text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_type = 'city') = (scope_id IS NULL))
);
CREATE UNIQUE INDEX rule_params_scope ON rule_params (scope_type, (coalesce(scope_id::text, '')));
