-- A threshold layer goes with its enterprise or vehicle: only records never filed can be deleted
-- (archives), and a layer set for one must not stay behind, listed without a name. The owner is
-- a generated column per kind, so the foreign key follows scope_id without the writers naming it.
-- Layers whose owner is already gone are dropped first.
DELETE FROM rule_params p
 WHERE (p.scope_type = 'enterprise' AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.id = p.scope_id))
    OR (p.scope_type = 'vehicle' AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.id = p.scope_id));
ALTER TABLE rule_params
  ADD COLUMN enterprise_id uuid
    GENERATED ALWAYS AS (CASE WHEN scope_type = 'enterprise' THEN scope_id END) STORED
    REFERENCES enterprises (id) ON DELETE CASCADE,
  ADD COLUMN vehicle_id uuid
    GENERATED ALWAYS AS (CASE WHEN scope_type = 'vehicle' THEN scope_id END) STORED
    REFERENCES vehicles (id) ON DELETE CASCADE;
