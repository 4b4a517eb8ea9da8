import { describe, expect, it } from 'vitest';
import type { VehicleSnapshot } from './engine.js';
import {
  InMemoryRuleStateStore,
  persistDirty,
  restoreAll,
  SNAPSHOT_SLICE,
  type SnapshotText,
} from './state-store.js';
import { Journey, scenario, T0 } from './testing.js';

/** A store that records each save's size and what had run on the event loop before it. */
class RecordingStore extends InMemoryRuleStateStore {
  readonly saves: { size: number; timerRan: boolean }[] = [];
  timerRan = false;
  override save(snapshots: readonly SnapshotText[]): Promise<void> {
    this.saves.push({ size: snapshots.length, timerRan: this.timerRan });
    return super.save(snapshots);
  }
}

describe('persistDirty', () => {
  it('saves a large fleet in slices and lets the event loop run between them', async () => {
    const vehicles = 2 * SNAPSHOT_SLICE + 7;
    const { engine } = scenario();
    const j = new Journey(T0).drive(120, 10, 50);
    for (let v = 0; v < vehicles; v++) for (const f of j.fixes) engine.ingest({ ...f, vehicleId: `v${v}` });
    const store = new RecordingStore();
    setImmediate(() => (store.timerRan = true));
    expect(await persistDirty(engine, store)).toBe(vehicles);
    expect(store.saves.map((s) => s.size)).toEqual([SNAPSHOT_SLICE, SNAPSHOT_SLICE, 7]);
    // The first slice is written at once; the macrotask queued before the round runs before the second.
    expect(store.saves.map((s) => s.timerRan)).toEqual([false, true, true]);
    expect(await persistDirty(engine, store)).toBe(0); // nothing changed since

    // What was saved restores every vehicle to the same state.
    const restored = scenario();
    expect(await restoreAll(restored.engine, store)).toBe(vehicles);
    for (const id of ['v0', `v${vehicles - 1}`]) {
      expect(restored.engine.snapshot(id)).toEqual(
        JSON.parse(JSON.stringify(engine.snapshot(id))) as VehicleSnapshot,
      );
    }
  });
});
