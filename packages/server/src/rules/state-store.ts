/**
 * The port through which rule state survives a restart: per-vehicle snapshots (plain JSON).
 * The engine stays synchronous; a small loop saves the vehicles it marks dirty every few
 * seconds (`persistDirty`), and start-up restores them all (`restoreAll`) before the engine
 * consumes the bus. The database adapter is in modules/rules/state-store.ts.
 */
import type { RuleEngine, VehicleSnapshot } from './engine.js';

export interface RuleStateStore {
  save(snapshots: readonly VehicleSnapshot[]): Promise<void>;
  loadAll(): Promise<VehicleSnapshot[]>;
  load(vehicleId: string): Promise<VehicleSnapshot | undefined>;
}

/** In-process default (tests, a single process without a database). */
export class InMemoryRuleStateStore implements RuleStateStore {
  private readonly rows = new Map<string, string>();
  save(snapshots: readonly VehicleSnapshot[]): Promise<void> {
    for (const s of snapshots) this.rows.set(s.vehicleId, JSON.stringify(s));
    return Promise.resolve();
  }
  loadAll(): Promise<VehicleSnapshot[]> {
    return Promise.resolve([...this.rows.values()].map((r) => JSON.parse(r) as VehicleSnapshot));
  }
  load(vehicleId: string): Promise<VehicleSnapshot | undefined> {
    const r = this.rows.get(vehicleId);
    return Promise.resolve(r === undefined ? undefined : (JSON.parse(r) as VehicleSnapshot));
  }
}

/** Saves the snapshots of every vehicle whose state changed since the last call. Returns how many. */
export async function persistDirty(engine: RuleEngine, store: RuleStateStore): Promise<number> {
  const snapshots: VehicleSnapshot[] = [];
  for (const id of engine.takeDirty()) {
    const s = engine.snapshot(id);
    if (s) snapshots.push(s);
  }
  if (snapshots.length > 0) await store.save(snapshots);
  return snapshots.length;
}

export async function restoreAll(engine: RuleEngine, store: RuleStateStore): Promise<number> {
  const all = await store.loadAll();
  for (const s of all) engine.restore(s);
  return all.length;
}
