/** Test support: plausible positions around Panjin (盘锦), valid unless told otherwise. */
import { checkPosition, type CheckedPosition, type Position } from './position.js';

export function makePosition(overrides: Partial<Position> = {}): Position {
  const deviceTime = overrides.deviceTime ?? new Date('2026-11-22T08:00:00Z');
  return {
    vehicleId: 'veh-1',
    terminalId: '013800000001',
    deviceTime,
    receivedAt: new Date(deviceTime.getTime() + 1500),
    lat: 41.1197,
    lon: 122.0709,
    speed: 52.5,
    heading: 90,
    altitude: 4,
    alarmBits: 0,
    statusBits: 0b11, // ACC on, positioned
    mileage: 12_345.6,
    signal: 25,
    satellites: 14,
    safetyEvents: [],
    source: 'jt808',
    serial: 1,
    ...overrides,
  };
}

/** A checked position, checked against a clock an hour after its device time. */
export function makeChecked(overrides: Partial<Position> = {}): CheckedPosition {
  const p = makePosition(overrides);
  return checkPosition(p, new Date(p.deviceTime.getTime() + 3_600_000), 60_000);
}

/** A fix every intervalMs, moving east, for one vehicle. */
export function makeTrack(
  vehicleId: string,
  start: Date,
  count: number,
  intervalMs: number,
): CheckedPosition[] {
  return Array.from({ length: count }, (_, i) =>
    makeChecked({
      vehicleId,
      deviceTime: new Date(start.getTime() + i * intervalMs),
      lon: 122.0709 + i * 0.0005,
      serial: i % 65_536,
    }),
  );
}

/** Waits until an async condition holds, polling; fails after timeoutMs. */
export async function eventually(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
