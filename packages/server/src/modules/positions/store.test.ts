import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { batchParams, dayOf, partitionName, PositionStore } from './store.js';
import { makeChecked, makeTrack } from './testing.js';

const now = new Date('2026-11-22T12:00:00Z');

for (const target of testDatabases()) {
  describe(`position store on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let store: PositionStore;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      store = new PositionStore(db, { retentionDays: 190 });
    });
    afterEach(async () => {
      await cleanup();
    });

    const count = async (): Promise<number> =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions')).rows[0]!.n;

    it('stores every field of a batch, in the partition of its UTC day', async () => {
      const p = makeChecked({
        deviceTime: new Date('2026-11-21T23:59:59.250Z'),
        alarmBits: 0x8000_0001,
        safetyEvents: [{ kind: 'dsm.phone_call', level: 1 }],
        lat: 99,
      });
      expect(await store.write([p], now)).toEqual({ inserted: 1, duplicates: 0, outsideRetention: 0 });
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT tableoid::regclass::text AS part, vehicle_id, device_time, serial, terminal_id, lat, lon, speed,
                heading, altitude, alarm_bits, status_bits, mileage, signal, satellites, safety_events, source,
                valid, invalid_reasons FROM positions`,
      );
      expect(rows).toEqual([
        {
          part: 'positions_p20261121',
          vehicle_id: 'veh-1',
          device_time: new Date('2026-11-21T23:59:59.250Z'),
          serial: 1,
          terminal_id: '013800000001',
          lat: 99,
          lon: 122.0709,
          speed: 52.5,
          heading: 90,
          altitude: 4,
          alarm_bits: 0x8000_0001,
          status_bits: 3,
          mileage: expect.closeTo(12_345.6, 1) as number,
          signal: 25,
          satellites: 14,
          safety_events: [{ kind: 'dsm.phone_call', level: 1 }],
          source: 'jt808',
          valid: false,
          invalid_reasons: ['lat_out_of_range'],
        },
      ]);
    });

    it('stores every coordinate as exactly the double it was', async () => {
      const lats = [30.123456, -0.5, -33.000001, 1e-7, 1 / 3, 0.1 + 0.2, 45, -1e-6, 89.999999];
      const batch = lats.map((lat, i) =>
        makeChecked({ lat, lon: -lat * 4, altitude: -12 - i, speed: i / 10, serial: i }),
      );
      await store.write(batch, now);
      const { rows } = await db.query<{ lat: number; lon: number; altitude: number; speed: number }>(
        'SELECT lat, lon, altitude, speed FROM positions ORDER BY serial',
      );
      expect(rows.map((r) => r.lat)).toEqual(lats);
      expect(rows.map((r) => r.lon)).toEqual(lats.map((l) => -l * 4));
      expect(rows.map((r) => r.altitude)).toEqual(lats.map((_, i) => -12 - i));
      expect(rows.map((r) => r.speed)).toEqual(lats.map((_, i) => expect.closeTo(i / 10, 5) as number));
    });

    it('stores text the array parameters must quote exactly as it was', async () => {
      const awkward = ['NULL', 'a,b', 'q"uote\\back{brace}', ' padded ', '', '车辆-辽L·12345'];
      const batch = awkward.map((id, i) =>
        makeChecked({
          vehicleId: id,
          terminalId: `t"${i}\\`,
          serial: i,
          safetyEvents: i % 2 === 0 ? [{ kind: `dsm."x"\\${id}`, attachmentId: '{"a":1}' }] : [],
          lat: i === 1 ? 91 : 41.1,
          lon: i === 1 ? 181 : 122.07,
        }),
      );
      expect(await store.write(batch, now)).toEqual({ inserted: 6, duplicates: 0, outsideRetention: 0 });
      const { rows } = await db.query<Record<string, unknown>>(
        'SELECT vehicle_id, terminal_id, safety_events, invalid_reasons FROM positions ORDER BY serial',
      );
      expect(rows).toEqual(
        batch.map((p) => ({
          vehicle_id: p.vehicleId,
          terminal_id: p.terminalId,
          safety_events: p.safetyEvents.length > 0 ? p.safetyEvents : null,
          invalid_reasons: p.invalidReasons.length > 0 ? p.invalidReasons : null,
        })),
      );
      expect(rows[1]!['invalid_reasons']).toEqual(['lon_out_of_range', 'lat_out_of_range']);
    });

    it('is idempotent on (vehicle, device time, serial): resends and repeats never duplicate', async () => {
      const batch = makeTrack('veh-1', new Date('2026-11-22T08:00:00Z'), 50, 10_000);
      expect((await store.write(batch, now)).inserted).toBe(50);
      const again = [...batch.slice(40), ...makeTrack('veh-1', new Date('2026-11-22T09:00:00Z'), 5, 10_000)];
      expect(await store.write([...again, again[0]!], now)).toEqual({
        inserted: 5,
        duplicates: 11,
        outsideRetention: 0,
      });
      // The same time with another serial is another message, so it is kept.
      expect((await store.write([makeChecked({ ...batch[0]!, serial: 999 })], now)).inserted).toBe(1);
      expect(await count()).toBe(56);
    });

    it('does not store fixes older than the retention or more than a day ahead', async () => {
      const old = makeChecked({ deviceTime: new Date('2026-01-01T00:00:00Z') });
      const ahead = makeChecked({ deviceTime: new Date('2026-11-25T00:00:00Z') });
      const fine = makeChecked({ deviceTime: new Date('2026-11-23T06:00:00Z') }); // slightly ahead: kept
      expect(await store.write([old, ahead, fine], now)).toEqual({
        inserted: 1,
        duplicates: 0,
        outsideRetention: 2,
      });
    });

    it('creates partitions ahead and drops those past the retention', async () => {
      const short = new PositionStore(db, { retentionDays: 2, aheadDays: 1 });
      await short.write([makeChecked({ deviceTime: new Date('2026-11-20T10:00:00Z') })], now);
      expect(await short.partitions()).toEqual(['positions_p20261120']);
      await short.maintain(now);
      expect(await short.partitions()).toEqual([
        'positions_p20261120',
        'positions_p20261122',
        'positions_p20261123',
      ]);
      const later = new Date('2026-11-23T01:00:00Z');
      const { dropped } = await short.maintain(later);
      expect(dropped).toEqual(['positions_p20261120']);
      expect(await short.partitions()).toEqual([
        'positions_p20261122',
        'positions_p20261123',
        'positions_p20261124',
      ]);
      expect(await count()).toBe(0);
    });

    it('returns a track in device-time order within [from, to)', async () => {
      const start = new Date('2026-11-22T00:00:00Z');
      const all = makeTrack('veh-7', start, 30, 60_000);
      const shuffled = [...all].sort((a, b) => ((a.lon * 1e4) % 7) - ((b.lon * 1e4) % 7));
      await store.write(shuffled.slice(0, 15), now);
      await store.write(shuffled.slice(15), now);
      await store.write(makeTrack('veh-8', start, 10, 60_000), now);
      const rows = await store.track(
        'veh-7',
        new Date(start.getTime() + 5 * 60_000),
        new Date(start.getTime() + 25 * 60_000),
        10_000,
      );
      expect(rows.map((r) => r.device_time)).toEqual(all.slice(5, 25).map((p) => p.deviceTime));
      expect(rows.map((r) => r.lon)).toEqual(all.slice(5, 25).map((p) => p.lon));
    });
  });
}

describe('partition names', () => {
  it('names the UTC day', () => {
    expect(partitionName(dayOf(new Date('2026-11-22T23:59:59Z')))).toBe('positions_p20261122');
    expect(partitionName(dayOf(new Date('2027-01-01T00:00:00Z')))).toBe('positions_p20270101');
  });
});

describe('array parameters of a batch', () => {
  it('quotes every text element, writes numbers as JavaScript does and absent values as NULL', () => {
    const a = makeChecked({ vehicleId: 'veh,"1"\\', lat: -0.000001, lon: 1 / 3, mileage: null, serial: 7 });
    const b = makeChecked({ vehicleId: 'NULL', serial: 8, safetyEvents: [{ kind: 'adas.x', level: 2 }] });
    const params = batchParams([a, b]);
    expect(params).toHaveLength(19);
    expect(params[0]).toBe('{"veh,\\"1\\"\\\\","NULL"}');
    expect(params[1]).toBe(`{${a.deviceTime.getTime()},${b.deviceTime.getTime()}}`);
    expect(params[2]).toBe('{7,8}');
    expect(params[5]).toBe(`{-0.000001,${b.lat}}`);
    expect(params[6]).toBe(`{${String(1 / 3)},${b.lon}}`);
    expect(params[12]).toBe(`{NULL,${b.mileage}}`);
    expect(params[15]).toBe('{NULL,"[{\\"kind\\":\\"adas.x\\",\\"level\\":2}]"}');
    expect(params[17]).toBe('{f,t}');
    expect(params[18]).toBe('{"{lon_out_of_range,lat_out_of_range}",NULL}');
  });
});
