import { describe, expect, it } from 'vitest';
import {
  carryPositions,
  decodePositions,
  encodeAndKeep,
  encodePositions,
  KEEP_MS,
  PositionDecodeError,
} from './codec.js';
import { alarmBitsOf, alarmNames, checkPosition, statusNames } from './position.js';
import { makeChecked, makePosition } from './testing.js';

const now = new Date('2026-11-22T09:00:00Z');

describe('checkPosition', () => {
  it('accepts a fix in Panjin', () => {
    const c = checkPosition(makePosition(), now, 60_000);
    expect(c.valid).toBe(true);
    expect(c.invalidReasons).toEqual([]);
  });

  it('uses the national assessment ranges, edges included', () => {
    // 73°33′E = 73.55°, 135°05′E ≈ 135.0833°, 3°51′N = 3.85°, 53°33′N = 53.55°
    expect(checkPosition(makePosition({ lon: 73.55, lat: 3.85 }), now, 0).valid).toBe(true);
    expect(checkPosition(makePosition({ lon: 135.0833, lat: 53.55 }), now, 0).valid).toBe(true);
    expect(checkPosition(makePosition({ lon: 73.54 }), now, 0).invalidReasons).toEqual(['lon_out_of_range']);
    expect(checkPosition(makePosition({ lon: 135.09 }), now, 0).invalidReasons).toEqual(['lon_out_of_range']);
    expect(checkPosition(makePosition({ lat: 53.56 }), now, 0).invalidReasons).toEqual(['lat_out_of_range']);
    expect(checkPosition(makePosition({ lat: 0 }), now, 0).invalidReasons).toEqual(['lat_out_of_range']);
    expect(checkPosition(makePosition({ speed: 160 }), now, 0).valid).toBe(true);
    expect(checkPosition(makePosition({ speed: 160.5 }), now, 0).invalidReasons).toEqual([
      'speed_out_of_range',
    ]);
    expect(checkPosition(makePosition({ speed: -1 }), now, 0).invalidReasons).toEqual(['speed_out_of_range']);
    expect(checkPosition(makePosition({ altitude: -201 }), now, 0).invalidReasons).toEqual([
      'altitude_out_of_range',
    ]);
    expect(checkPosition(makePosition({ altitude: 6501 }), now, 0).invalidReasons).toEqual([
      'altitude_out_of_range',
    ]);
  });

  it('rejects a time in the future beyond the allowed clock skew', () => {
    const ahead = (ms: number) => makePosition({ deviceTime: new Date(now.getTime() + ms) });
    expect(checkPosition(ahead(30_000), now, 60_000).valid).toBe(true);
    expect(checkPosition(ahead(61_000), now, 60_000).invalidReasons).toEqual(['time_in_future']);
  });

  it('lists every reason at once, and NaN is never in range', () => {
    const c = checkPosition(makePosition({ lat: Number.NaN, lon: 0, speed: 300 }), now, 0);
    expect(c.invalidReasons).toEqual(['lon_out_of_range', 'lat_out_of_range', 'speed_out_of_range']);
  });

  it('marks a JT/T 808 or company-platform fix whose status says "not positioned"', () => {
    expect(checkPosition(makePosition({ statusBits: 0b01 }), now, 0).invalidReasons).toEqual([
      'not_positioned',
    ]);
    expect(checkPosition(makePosition({ statusBits: 0, source: 'http' }), now, 0).invalidReasons).toEqual([
      'not_positioned',
    ]);
    expect(checkPosition(makePosition({ statusBits: 0, source: 'jt809' }), now, 0).valid).toBe(true);
  });
});

describe('flag names (JT/T 808-2019 tables 24 and 25)', () => {
  it('names the alarm and status bits', () => {
    expect(alarmNames((1 << 0) | (1 << 1) | (1 << 29))).toEqual([
      'emergency',
      'overspeed',
      'collision_warning',
    ]);
    expect(alarmNames(1 << 31)).toEqual(['illegal_door_open']);
    expect(alarmNames(1 << 16)).toEqual(['bit16']);
    expect(statusNames(0b11 | (1 << 19))).toEqual(['acc_on', 'positioned', 'beidou']);
  });

  it('turns alarm names back into the alarm word', () => {
    expect(alarmBitsOf(['emergency', 'overspeed', 'collision_warning'])).toBe(
      (1 << 0) | (1 << 1) | (1 << 29),
    );
    expect(alarmBitsOf(['illegal_door_open'])).toBe(2 ** 31);
    expect(alarmBitsOf([])).toBe(0);
  });
});

describe('bus encoding', () => {
  it('round-trips every field of a batch', () => {
    const batch = [
      makeChecked({ safetyEvents: [{ kind: 'dsm.fatigue', level: 2, attachmentId: 'a1' }] }),
      makeChecked({ vehicleId: 'veh-2', lat: 99, speed: 200, mileage: null, signal: null, source: 'jt809' }),
    ];
    expect(batch[1]!.invalidReasons).toEqual(['lat_out_of_range', 'speed_out_of_range']);
    expect(decodePositions(encodePositions(batch))).toEqual(batch);
  });

  it('carries the IC-card driver when the source named one (a person, or null for a pulled card), and reads rows without it', () => {
    const batch = [
      makeChecked({ driverId: 'person-1' }),
      makeChecked({ vehicleId: 'veh-2', driverId: null }),
      makeChecked({ vehicleId: 'veh-3' }),
    ];
    const data = encodePositions(batch);
    const rows = (JSON.parse(new TextDecoder().decode(data)) as { p: unknown[][] }).p;
    expect(rows.map((r) => r.length)).toEqual([19, 19, 18]); // the third is the row of before
    const back = decodePositions(data);
    expect(back.map((p) => p.driverId)).toEqual(['person-1', null, undefined]);
    expect(back).toEqual(batch);
    expect(() =>
      decodePositions(
        new TextEncoder().encode(JSON.stringify({ v: 1, p: [[...rows[0]!.slice(0, 18), 42]] })),
      ),
    ).toThrow(/index 0/);
  });

  it('carries a batch in process as it is, each consumer getting its own list', () => {
    const batch = [makeChecked(), makeChecked({ vehicleId: 'veh-2', lat: 99 })];
    const data = carryPositions(batch);
    const first = decodePositions(data);
    expect(first).toEqual(batch);
    first.pop();
    expect(decodePositions(data)).toEqual(batch);
  });

  it('keeps a batch published between processes for this process, which reads it without parsing', () => {
    const batch = [makeChecked(), makeChecked({ vehicleId: 'veh-2', lat: 99 })];
    const t = Date.now();
    // The bytes JetStream delivers are a copy: the key inside them finds the batch.
    const data = new Uint8Array(encodeAndKeep(batch, t));
    const mine = decodePositions(data);
    expect(mine).not.toBe(batch);
    expect(mine[0]).toBe(batch[0]); // the very fixes, not parsed copies
    // Another process (or this one after a restart) parses the same bytes; so does a reader of
    // the format without keys, which ignores the key.
    const body = JSON.parse(new TextDecoder().decode(data)) as { v: number; k: string; p: unknown[] };
    expect(body.k).toMatch(/^[0-9a-f]{12}:\d+$/);
    const foreign = new TextEncoder().encode(JSON.stringify({ ...body, k: 'ffffffffffff:1' }));
    const parsed = decodePositions(foreign);
    expect(parsed).toEqual(batch);
    expect(parsed[0]).not.toBe(batch[0]);
    // Kept for KEEP_MS: a batch kept later pushes it out, and then it is parsed too.
    encodeAndKeep([makeChecked({ vehicleId: 'veh-3' })], t + KEEP_MS + 1);
    const late = decodePositions(data);
    expect(late).toEqual(batch);
    expect(late[0]).not.toBe(batch[0]);
  });

  it('refuses the bytes of an in-process batch read anywhere else', () => {
    const copied = new Uint8Array(carryPositions([makeChecked()]));
    expect(() => decodePositions(copied)).toThrow(/outside the process/);
  });

  it('throws PositionDecodeError on a malformed message', () => {
    const bad = (s: string) => () => decodePositions(new TextEncoder().encode(s));
    expect(bad('{')).toThrow(PositionDecodeError);
    expect(bad('{"v":2,"p":[]}')).toThrow(/version/);
    expect(bad('{"v":1,"p":[["veh",1]]}')).toThrow(/index 0/);
  });
});
