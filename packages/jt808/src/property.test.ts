// Property: for generated messages (canonical values, i.e. what decode produces), decode(encode(m)) = m,
// with 2013 and 2019 headers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode.js';
import { encode } from './encode.js';
import type { Edition } from './header.js';
import type { LocationExtra } from './location-extras/index.js';
import type { Location, Message } from './messages/index.js';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-.'.split('');
const HANZI = ['辽', '危', '化', '品', '车', '盘', '锦', '市', '区', 'L', 'A', '1', '8'];

const ascii = (max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...ALNUM), { maxLength: max }).map((a) => a.join(''));
/** GBK text of at most `maxBytes` bytes. */
const gbk = (maxBytes: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...HANZI), { maxLength: maxBytes }).map((a) => {
    let s = '';
    let n = 0;
    for (const c of a) {
      const w = c.charCodeAt(0) < 0x80 ? 1 : 2;
      if (n + w > maxBytes) break;
      s += c;
      n += w;
    }
    return s;
  });
const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: n, maxLength: n }).map((a) => a.join(''));
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });
/** Whole seconds whose GMT+8 calendar date lies in 2000–2099 (the BCD[6] range). */
const time = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31, 0, 0, 0) / 1000 })
  .map((s) => s * 1000);

const extra: fc.Arbitrary<LocationExtra> = fc.oneof(
  u32.map((v) => ({ kind: 'mileage' as const, km: v / 10 })),
  u16.map((v) => ({ kind: 'fuel' as const, liters: v / 10 })),
  u16.map((v) => ({ kind: 'recorderSpeed' as const, kmh: v / 10 })),
  u16.map((v) => ({ kind: 'manualAlarmEvent' as const, eventId: v })),
  fc
    .record({ positionType: fc.integer({ min: 1, max: 4 }), areaId: u32 })
    .map((r) => ({ kind: 'overspeed' as const, ...r })),
  u8.map((v) => ({ kind: 'overspeed' as const, positionType: v })),
  fc
    .record({ positionType: u8, areaId: u32, direction: fc.constantFrom('in' as const, 'out' as const) })
    .map((r) => ({ kind: 'areaInOut' as const, ...r })),
  fc
    .record({
      segmentId: u32,
      drivingTimeS: u16,
      result: fc.constantFrom('tooShort' as const, 'tooLong' as const),
    })
    .map((r) => ({ kind: 'routeTime' as const, ...r })),
  u32.map((v) => ({ kind: 'vehicleSignals' as const, bits: v })),
  u16.map((v) => ({ kind: 'ioStatus' as const, bits: v })),
  fc.record({ ad0: u16, ad1: u16 }).map((r) => ({ kind: 'analog' as const, ...r })),
  u8.map((v) => ({ kind: 'signalStrength' as const, value: v })),
  u8.map((v) => ({ kind: 'satellites' as const, count: v })),
  fc
    .record({ id: fc.constantFrom(0x05, 0x06, 0x20, 0xe1, 0xf0), bytes: bytes(20) })
    .map((r) => ({ kind: 'raw' as const, ...r })),
);

const location: fc.Arbitrary<Location> = fc
  .record({
    alarm: u32,
    status: u32,
    lat: fc.integer({ min: 0, max: 90_000_000 }),
    lon: fc.integer({ min: 0, max: 180_000_000 }),
    altitude: fc.integer({ min: -32768, max: 32767 }),
    speed: u16,
    heading: u16,
    time: fc.option(time, { nil: null }),
    extras: fc.array(extra, { maxLength: 6 }),
  })
  .map((r) => ({
    alarm: r.alarm,
    status: r.status,
    // Canonical sign: negative only when the hemisphere bit is set and the value is not zero.
    latitude: r.lat === 0 ? 0 : r.status & 4 ? -r.lat / 1e6 : r.lat / 1e6,
    longitude: r.lon === 0 ? 0 : r.status & 8 ? -r.lon / 1e6 : r.lon / 1e6,
    altitude: r.altitude,
    speedKmh: r.speed / 10,
    heading: r.heading,
    time: r.time,
    extras: r.extras,
  }));

const point = fc
  .record({ lat: fc.integer({ min: 0, max: 90_000_000 }), lon: fc.integer({ min: 0, max: 180_000_000 }) })
  .map((r) => ({ latitude: r.lat / 1e6, longitude: r.lon / 1e6 }));

function messages(edition: Edition): fc.Arbitrary<Message> {
  const is2019 = edition === 2019;
  return fc.oneof(
    fc
      .record({ replySerial: u16, replyId: u16, result: fc.integer({ min: 0, max: 4 }) })
      .map((r) => ({ type: 'platformGeneralResponse' as const, ...r })),
    fc
      .record({ replySerial: u16, replyId: u16, result: fc.integer({ min: 0, max: 3 }) })
      .map((r) => ({ type: 'terminalGeneralResponse' as const, ...r })),
    fc.constant({ type: 'heartbeat' as const }),
    location.map((l) => ({ type: 'locationReport' as const, ...l })),
    fc
      .record({ dataType: fc.integer({ min: 0, max: 1 }), items: fc.array(location, { maxLength: 4 }) })
      .map((r) => ({ type: 'locationBatch' as const, ...r })),
    fc
      .record({
        province: u16,
        city: u16,
        manufacturer: ascii(is2019 ? 11 : 5),
        model: ascii(is2019 ? 30 : 20),
        terminalId: ascii(is2019 ? 30 : 7),
        // Real colour codes: a 2013 register with a non-standard colour and 0x00 at offset 24 reads as 2011.
        plateColor: fc.constantFrom(0, 1, 2, 3, 4, 5, 9, 91, 92, 93, 94),
        plate: gbk(17),
      })
      .map((r) => ({
        type: 'register' as const,
        layout: is2019 ? ('2019' as const) : ('2013' as const),
        ...r,
      })),
    fc.record({ replySerial: u16, result: fc.integer({ min: 0, max: 4 }), authCode: ascii(30) }).map((r) => ({
      type: 'registerResponse' as const,
      ...r,
      authCode: r.result === 0 ? r.authCode : '',
    })),
    is2019
      ? fc
          .record({ authCode: ascii(40), imei: digits(15), softwareVersion: ascii(20) })
          .map((r) => ({ type: 'authentication' as const, ...r }))
      : ascii(60).map((authCode) => ({ type: 'authentication' as const, authCode })),
    fc
      .array(
        fc.oneof(
          fc.record({ id: fc.constantFrom(0x0001, 0x0029, 0x0055, 0x0057), value: u32 }),
          fc.record({ id: fc.constant(0x005b), value: u16 }),
          fc.record({ id: fc.constant(0x0084), value: u8 }),
          fc.record({ id: fc.constant(0x0083), value: gbk(12) }),
          fc.record({ id: fc.constantFrom(0xf364, 0x0013), value: bytes(12) }),
        ),
        { maxLength: 8 },
      )
      .map((parameters) => ({ type: 'setParameters' as const, parameters })),
    fc.record({ intervalS: u16, validityS: u32 }).map((r) => ({ type: 'trackingControl' as const, ...r })),
    fc
      .record({ originalSerial: u16, packetIndexes: fc.array(u16, { maxLength: 20 }) })
      .map((r) => ({ type: 'platformResendRequest' as const, ...r })),
    fc
      .record({ flags: u8, textType: fc.integer({ min: 1, max: 2 }), text: gbk(200) })
      .map((r) =>
        is2019
          ? { type: 'textMessage' as const, ...r }
          : { type: 'textMessage' as const, flags: r.flags, text: r.text },
      ),
    fc
      .record({
        action: fc.integer({ min: 0, max: 2 }),
        areas: fc.array(
          fc.record({
            id: u32,
            attributes: fc.integer({ min: 0, max: 3 }),
            center: point,
            radiusM: u32,
            startTime: digits(12),
            endTime: digits(12),
            maxSpeedKmh: u16,
            overspeedDurationS: u8,
            nightMaxSpeedKmh: u16,
            name: gbk(20),
          }),
          { maxLength: 3 },
        ),
      })
      .map((r) => ({
        type: 'setCircleAreas' as const,
        action: r.action,
        areas: r.areas.map((a) => ({
          id: a.id,
          attributes: a.attributes,
          latitude: a.center.latitude,
          longitude: a.center.longitude,
          radiusM: a.radiusM,
          ...(a.attributes & 1 ? { startTime: a.startTime, endTime: a.endTime } : {}),
          ...(a.attributes & 2
            ? { maxSpeedKmh: a.maxSpeedKmh, overspeedDurationS: a.overspeedDurationS }
            : {}),
          ...(a.attributes & 2 && is2019 ? { nightMaxSpeedKmh: a.nightMaxSpeedKmh } : {}),
          ...(is2019 ? { name: a.name } : {}),
        })),
      })),
    fc
      .record({
        id: u32,
        attributes: fc.constantFrom(0, 2),
        vertices: fc.array(point, { maxLength: 10 }),
        name: gbk(20),
      })
      .map((r) => ({
        type: 'setPolygonArea' as const,
        id: r.id,
        attributes: r.attributes,
        ...(r.attributes & 2 ? { maxSpeedKmh: 60, overspeedDurationS: 5 } : {}),
        ...(r.attributes & 2 && is2019 ? { nightMaxSpeedKmh: 40 } : {}),
        vertices: r.vertices,
        ...(is2019 ? { name: r.name } : {}),
      })),
    fc
      .record({
        status: fc.constant(1),
        time,
        name: gbk(20),
        cert: ascii(20),
        authority: gbk(40),
        expiry: digits(8),
        idNumber: digits(18),
      })
      .map((r) => ({
        type: 'driverIdentity' as const,
        status: 1,
        time: r.time,
        readResult: 0,
        driverName: r.name,
        certificateNumber: r.cert,
        issuingAuthority: r.authority,
        expiry: r.expiry,
        ...(is2019 ? { idNumber: r.idNumber } : {}),
      })),
    fc
      .record({ passThroughType: u8, data: bytes(100) })
      .map((r) => ({ type: 'uplinkPassThrough' as const, ...r })),
    fc
      .record({ name: ascii(50), fileType: u8, size: u32 })
      .map((r) => ({ type: 'fileUploadComplete' as const, ...r })),
    fc
      .record({ id: fc.constantFrom(0x0f00, 0xe001, 0xf0f0, 0x8f01), body: bytes(200) })
      .map((r) => ({ type: 'raw' as const, ...r })),
  );
}

describe('decode(encode(m)) = m', () => {
  for (const edition of [2013, 2019] as const) {
    it(`holds for generated messages with a ${edition} header`, () => {
      fc.assert(
        fc.property(messages(edition), digits(edition === 2019 ? 20 : 12), u16, (message, phone, serial) => {
          const r = decodeFrame(encode(message, { phone, serial, edition }));
          if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
          expect(r.message).toEqual(message);
          expect(r.header).toMatchObject({ phone, serial, edition });
        }),
        { numRuns: 3000 },
      );
    });
  }
});
