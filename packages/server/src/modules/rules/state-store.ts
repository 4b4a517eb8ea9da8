/**
 * Database adapter of the rule-state port: one `rule_state` row per vehicle (migration 0500).
 * A batch of snapshots is one statement (a JSON array, put together from the snapshots' JSON
 * texts and unnested server-side): `persistDirty` hands over slices of SNAPSHOT_SLICE vehicles,
 * so a snapshot round costs one round trip per slice.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { VehicleSnapshot } from '../../rules/engine.js';
import type { RuleStateStore, SnapshotText } from '../../rules/state-store.js';

/** Snapshots per statement: keeps a statement's JSON parameter to a few MB. */
const BATCH = 500;

export class DbRuleStateStore implements RuleStateStore {
  constructor(private readonly db: Queryable) {}

  async save(snapshots: readonly SnapshotText[]): Promise<void> {
    for (let i = 0; i < snapshots.length; i += BATCH) {
      let json = '[';
      for (let k = i; k < Math.min(i + BATCH, snapshots.length); k++)
        json += (k > i ? ',' : '') + snapshots[k]!.json;
      await this.db.query(
        `INSERT INTO rule_state (vehicle_id, version, state, saved_at)
         SELECT e->>'vehicleId', (e->>'version')::int, e, now()
           FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT (vehicle_id) DO UPDATE
           SET version = EXCLUDED.version, state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`,
        [`${json}]`],
      );
    }
  }

  async loadAll(): Promise<VehicleSnapshot[]> {
    const { rows } = await this.db.query<{ state: VehicleSnapshot | string }>(
      'SELECT state FROM rule_state ORDER BY vehicle_id',
    );
    return rows.map((r) => parse(r.state));
  }

  async load(vehicleId: string): Promise<VehicleSnapshot | undefined> {
    const { rows } = await this.db.query<{ state: VehicleSnapshot | string }>(
      'SELECT state FROM rule_state WHERE vehicle_id = $1',
      [vehicleId],
    );
    return rows[0] ? parse(rows[0].state) : undefined;
  }
}

/** Both adapters return jsonb parsed; a string would mean a driver configured otherwise. */
function parse(state: VehicleSnapshot | string): VehicleSnapshot {
  return typeof state === 'string' ? (JSON.parse(state) as VehicleSnapshot) : state;
}
