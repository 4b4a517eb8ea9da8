/**
 * Database adapter of the rule-state port: one `rule_state` row per vehicle (migration 0500) and
 * the outbox of unstored events (`rule_outbox`, migration 0502).
 * A batch of snapshots is one statement (a JSON array, put together from the snapshots' JSON
 * texts and unnested server-side): `persistDirty` hands over slices of SNAPSHOT_SLICE vehicles,
 * so a snapshot round costs one round trip per slice. A vehicle's outbox rows go in the statement
 * that saves its snapshot, so a snapshot is never saved without the events it has made.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { VehicleSnapshot } from '../../rules/engine.js';
import type { OutboxEvent, RuleStateStore, SnapshotText } from '../../rules/state-store.js';
import type { RuleEvent } from '../../rules/types.js';

/** Snapshots per statement: keeps a statement's JSON parameter to a few MB. */
const BATCH = 500;

/** Upserts the snapshots of the JSON array $1. */
const SAVE_STATE = `INSERT INTO rule_state (vehicle_id, version, state, saved_at)
   SELECT e->>'vehicleId', (e->>'version')::int, e, now()
     FROM jsonb_array_elements($1::jsonb) AS e
   ON CONFLICT (vehicle_id) DO UPDATE
     SET version = EXCLUDED.version, state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`;

export class DbRuleStateStore implements RuleStateStore {
  constructor(private readonly db: Queryable) {}

  async save(snapshots: readonly SnapshotText[], outbox?: readonly OutboxEvent[]): Promise<void> {
    for (let i = 0; i < snapshots.length; i += BATCH) {
      const batch = snapshots.slice(i, i + BATCH);
      let json = '[';
      for (let k = 0; k < batch.length; k++) json += (k > 0 ? ',' : '') + batch[k]!.json;
      json += ']';
      if (!outbox) {
        await this.db.query(SAVE_STATE, [json]);
        continue;
      }
      const vehicles = batch.map((s) => s.vehicleId);
      const mine = new Set(vehicles);
      // Data-modifying WITH clauses all run, on one snapshot of the table: the delete takes only
      // rows the new outbox does not hold, so it never meets the insert's rows.
      await this.db.query(
        `WITH state AS (${SAVE_STATE}),
              o AS (SELECT x->>'msgId' AS msg_id, x->'event'->>'vehicleId' AS vehicle_id,
                           (ord - 1)::int AS seq, x->'event' AS event
                      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, ord)),
              gone AS (DELETE FROM rule_outbox
                        WHERE vehicle_id = ANY($3::text[]) AND msg_id NOT IN (SELECT msg_id FROM o))
         INSERT INTO rule_outbox (msg_id, vehicle_id, seq, event)
         SELECT msg_id, vehicle_id, seq, event FROM o
         ON CONFLICT (msg_id) DO UPDATE SET seq = EXCLUDED.seq`,
        [json, JSON.stringify(outbox.filter((o) => mine.has(o.event.vehicleId))), vehicles],
      );
    }
  }

  async loadOutbox(): Promise<OutboxEvent[]> {
    const { rows } = await this.db.query<{ msg_id: string; event: RuleEvent | string }>(
      'SELECT msg_id, event FROM rule_outbox ORDER BY vehicle_id, seq',
    );
    return rows.map((r) => ({
      msgId: r.msg_id,
      event: typeof r.event === 'string' ? (JSON.parse(r.event) as RuleEvent) : r.event,
    }));
  }

  async keepOutbox(msgIds: readonly string[]): Promise<void> {
    await this.db.query('DELETE FROM rule_outbox WHERE NOT (msg_id = ANY($1::text[]))', [msgIds]);
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
