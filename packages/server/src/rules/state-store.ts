/**
 * The port through which rule state survives a restart: per-vehicle snapshots (plain JSON).
 * The engine stays synchronous; a small loop saves the vehicles it marks dirty every few
 * seconds (`persistDirty`), and start-up restores them all (`restoreAll`) before the engine
 * consumes the bus. The database adapter is in modules/rules/state-store.ts.
 *
 * With the snapshots goes an outbox: the events the engine has made but the bus has not stored
 * yet. A snapshot reflects the fixes that made those events, so after a crash their deliveries,
 * redelivered, are duplicates to the restored engine and would not make the events again; the
 * outbox is how such events survive (the worker publishes it again at start-up).
 */
import type { RuleEngine, VehicleSnapshot } from './engine.js';
import type { RuleEvent } from './types.js';

/** One vehicle's snapshot as JSON text (`RuleEngine.snapshotJson`). */
export interface SnapshotText {
  vehicleId: string;
  json: string;
}

/** An event not yet stored on the bus, under the de-duplication id it is published with. */
export interface OutboxEvent {
  msgId: string;
  event: RuleEvent;
}

export interface RuleStateStore {
  /**
   * Saves the snapshots and, when `outbox` is given, makes it the outbox of the snapshots'
   * vehicles (their events saved before and not in it have been stored since) — atomically: no
   * snapshot is ever saved without the unstored events of the state it holds.
   */
  save(snapshots: readonly SnapshotText[], outbox?: readonly OutboxEvent[]): Promise<void>;
  loadAll(): Promise<VehicleSnapshot[]>;
  load(vehicleId: string): Promise<VehicleSnapshot | undefined>;
  /** The outbox, each vehicle's events in the order they were made. */
  loadOutbox(): Promise<OutboxEvent[]>;
  /** Lets go of every outbox event but these (the others have been stored on the bus since). */
  keepOutbox(msgIds: readonly string[]): Promise<void>;
}

/** In-process default (tests, a single process without a database). */
export class InMemoryRuleStateStore implements RuleStateStore {
  private readonly rows = new Map<string, string>();
  /** Outbox events as JSON text, by vehicle. */
  private readonly outbox = new Map<string, string>();
  save(snapshots: readonly SnapshotText[], outbox?: readonly OutboxEvent[]): Promise<void> {
    for (const s of snapshots) this.rows.set(s.vehicleId, s.json);
    if (outbox) {
      for (const s of snapshots) this.outbox.delete(s.vehicleId);
      const byVehicle = new Map<string, OutboxEvent[]>();
      for (const o of outbox) {
        const list = byVehicle.get(o.event.vehicleId);
        if (list) list.push(o);
        else byVehicle.set(o.event.vehicleId, [o]);
      }
      for (const [v, list] of byVehicle) this.outbox.set(v, JSON.stringify(list));
    }
    return Promise.resolve();
  }
  loadOutbox(): Promise<OutboxEvent[]> {
    return Promise.resolve([...this.outbox.values()].flatMap((t) => JSON.parse(t) as OutboxEvent[]));
  }
  keepOutbox(msgIds: readonly string[]): Promise<void> {
    const keep = new Set(msgIds);
    for (const [v, text] of this.outbox) {
      const left = (JSON.parse(text) as OutboxEvent[]).filter((o) => keep.has(o.msgId));
      if (left.length > 0) this.outbox.set(v, JSON.stringify(left));
      else this.outbox.delete(v);
    }
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

/**
 * Vehicles serialised per slice of `persistDirty`: the event loop gets a turn between slices, so
 * a snapshot round over a whole fleet does not hold up position handling for its whole length
 * (about 12 µs per vehicle: 250 vehicles keep a slice near 3 ms).
 */
export const SNAPSHOT_SLICE = 250;

/** The events made and not yet stored on the bus: those of some vehicles, or all. */
export interface Unstored {
  of(vehicleIds: readonly string[]): OutboxEvent[];
  ids(): string[];
}

/**
 * Saves the snapshots of every vehicle whose state changed since the last call. Returns how many.
 * With `unstored`, each slice is saved with its vehicles' unstored events, taken in the same
 * turn of the event loop as the snapshots (so none of the state's events is missing), and the
 * round ends by letting go of the outbox events stored since.
 */
export async function persistDirty(
  engine: RuleEngine,
  store: RuleStateStore,
  unstored?: Unstored,
): Promise<number> {
  const ids = engine.takeDirty();
  let saved = 0;
  for (let i = 0; i < ids.length; i += SNAPSHOT_SLICE) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const slice: SnapshotText[] = [];
    for (let k = i; k < Math.min(i + SNAPSHOT_SLICE, ids.length); k++) {
      const json = engine.snapshotJson(ids[k]!);
      if (json !== undefined) slice.push({ vehicleId: ids[k]!, json });
    }
    if (slice.length > 0) await store.save(slice, unstored?.of(slice.map((s) => s.vehicleId)));
    saved += slice.length;
  }
  if (unstored) await store.keepOutbox(unstored.ids());
  return saved;
}

export async function restoreAll(engine: RuleEngine, store: RuleStateStore): Promise<number> {
  const all = await store.loadAll();
  for (const s of all) engine.restore(s);
  return all.length;
}
