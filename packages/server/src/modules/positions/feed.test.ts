import { describe, expect, it } from 'vitest';
import type { Scope } from '../../platform/auth.js';
import { memoryDirectory } from './directory.js';
import { FEED_FIELDS, feedRow, LiveFeed, type FeedMessage, type LiveSource } from './feed.js';
import type { LiveListener, LiveVehicle } from './live.js';

const t = Date.parse('2026-11-22T08:00:00Z');

function vehicle(vehicleId: string, extra: Partial<LiveVehicle> = {}): LiveVehicle {
  return {
    vehicleId,
    terminalId: `t-${vehicleId}`,
    deviceTime: new Date(t),
    receivedAt: new Date(t + 1000),
    lastSeenAt: new Date(t + 1000),
    lat: 41.1197123456,
    lon: 122.0709876543,
    speed: 52.54,
    heading: 89.6,
    altitude: 4,
    alarmBits: 0,
    statusBits: 3,
    mileage: 100,
    status: 'online',
    ...extra,
  };
}

/** A live state in memory: a list and the change listeners. */
function fakeLive(vehicles: LiveVehicle[]): LiveSource & { emit: (c: LiveVehicle[]) => void } {
  const listeners = new Set<LiveListener>();
  return {
    list: () => vehicles.map((v) => ({ ...v })),
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (c) => {
      for (const l of listeners) l(c);
    },
  };
}

const directory = memoryDirectory([
  { vehicleId: 'a1', enterpriseId: 'ent-a', districtCode: '211103' },
  { vehicleId: 'a2', enterpriseId: 'ent-a', districtCode: '211103' },
  { vehicleId: 'b1', enterpriseId: 'ent-b', districtCode: '211122' },
]);

async function connect(live: LiveSource, scope: Scope, throttleMs = 20) {
  const got: FeedMessage[] = [];
  const stop = await new LiveFeed(live, directory).connect({
    scope,
    throttleMs,
    send: (text) => got.push(JSON.parse(text) as FeedMessage),
    ready: () => true,
  });
  return { got, stop };
}

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error('condition not met');
};

describe('live feed (message format 2)', () => {
  it('encodes a vehicle as a compact row in FEED_FIELDS order', () => {
    const row = feedRow(vehicle('a1', { alarmBits: 0b10, status: 'offline' }));
    expect(row).toEqual(['a1', 122.070988, 41.119712, 52.5, 90, 0, t, t + 1000, ['overspeed']]);
    expect(row.length).toBe(FEED_FIELDS.length);
    expect(feedRow(vehicle('a1'))[8]).toEqual([]);
  });

  it('sends a snapshot once, then deltas of only the changed vehicles', async () => {
    const live = fakeLive([vehicle('a1'), vehicle('a2'), vehicle('b1')]);
    const { got, stop } = await connect(live, { kind: 'city' });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ v: 2, type: 'snapshot', fields: [...FEED_FIELDS] });
    expect(got[0]!.rows.map((r) => r[0])).toEqual(['a1', 'a2', 'b1']);

    // a1 changes twice and b1 once within one interval: one delta, a1's latest state only.
    live.emit([vehicle('a1', { lon: 122.1 })]);
    live.emit([vehicle('a1', { lon: 122.2 }), vehicle('b1', { speed: 0 })]);
    await until(() => got.length === 2);
    expect(got[1]!.type).toBe('delta');
    expect(got[1]!.rows.map((r) => [r[0], r[1]])).toEqual([
      ['a1', 122.2],
      ['b1', 122.070988],
    ]);
    expect('fields' in got[1]!).toBe(false);
    stop();
    live.emit([vehicle('a2')]);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toHaveLength(2); // disconnected: nothing more
  });

  it('keeps each socket to its scope: a company sees only its vehicles, in the snapshot and the deltas', async () => {
    const live = fakeLive([vehicle('a1'), vehicle('b1'), vehicle('unknown')]);
    const company = await connect(live, { kind: 'enterprise', enterpriseId: 'ent-a' });
    const county = await connect(live, { kind: 'district', districtCode: '211122' });
    const site = await connect(live, { kind: 'filling_site', placeId: 'fs-1' });
    expect(company.got[0]!.rows.map((r) => r[0])).toEqual(['a1']);
    expect(county.got[0]!.rows.map((r) => r[0])).toEqual(['b1']);
    expect(site.got[0]!.rows).toEqual([]);

    live.emit([vehicle('b1', { speed: 10 }), vehicle('a2', { speed: 20 }), vehicle('unknown')]);
    await until(() => company.got.length === 2 && county.got.length === 2);
    expect(company.got[1]!.rows.map((r) => r[0])).toEqual(['a2']);
    expect(county.got[1]!.rows.map((r) => r[0])).toEqual(['b1']);
    // Only other companies' vehicles changed: this company gets no message at all.
    live.emit([vehicle('b1', { speed: 30 })]);
    await until(() => county.got.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(company.got).toHaveLength(2);
    expect(site.got).toHaveLength(1);
    for (const c of [company, county, site]) c.stop();
  });

  it('holds a backed-up client’s changes and sends them coalesced once it drains', async () => {
    const live = fakeLive([vehicle('a1')]);
    const got: FeedMessage[] = [];
    let ready = false;
    const stop = await new LiveFeed(live, directory).connect({
      scope: { kind: 'city' },
      throttleMs: 10,
      send: (text) => got.push(JSON.parse(text) as FeedMessage),
      ready: () => ready,
    });
    live.emit([vehicle('a1', { speed: 1 })]);
    await new Promise((r) => setTimeout(r, 40));
    live.emit([vehicle('a1', { speed: 2 })]);
    expect(got).toHaveLength(1);
    ready = true;
    await until(() => got.length === 2);
    expect(got[1]!.rows.map((r) => r[3])).toEqual([2]);
    stop();
  });
});
