// Messages whose body is the same in 2013 and 2019: a 2019 header (version flag, version byte, BCD[10]
// phone) around the same body bytes decodes to the same value. The golden 2013 frames pin the bodies.
import { describe, expect, it } from 'vitest';
import { decodeFrame, toHex } from '../decode.js';
import { encode, encodeBody } from '../encode.js';
import type { Message } from './index.js';

const T = Date.UTC(2026, 10, 22, 12, 0, 0);
const LOC = {
  alarm: 0,
  status: 3,
  latitude: 41.123456,
  longitude: 122.071234,
  altitude: 16,
  speedKmh: 80,
  heading: 90,
  time: T,
};
const AID = { terminalId: 'ABCDEFG', time: T, sequence: 0, attachmentCount: 2, reserved: 0 };

const SAME_IN_BOTH: Message[] = [
  { type: 'terminalGeneralResponse', replySerial: 5, replyId: 0x0200, result: 0 },
  { type: 'logout' },
  { type: 'registerResponse', replySerial: 1, result: 0, authCode: 'auth123' },
  {
    type: 'setParameters',
    parameters: [
      { id: 0x0001, value: 30 },
      { id: 0x0083, value: '辽L12345' },
    ],
  },
  { type: 'queryParameters' },
  { type: 'terminalControl', command: 4, parameters: '' },
  { type: 'queryAttributes' },
  { type: 'locationQuery' },
  { type: 'trackingControl', intervalS: 30, validityS: 3600 },
  {
    type: 'locationQueryResponse',
    replySerial: 17,
    location: { ...LOC, extras: [{ kind: 'signalStrength', value: 16 }] },
  },
  { type: 'locationBatch', dataType: 1, items: [{ ...LOC, extras: [{ kind: 'satellites', count: 9 }] }] },
  { type: 'multimediaEvent', mediaId: 1, mediaType: 0, format: 0, event: 3, channel: 1 },
  {
    type: 'multimediaData',
    mediaId: 1,
    mediaType: 0,
    format: 0,
    event: 3,
    channel: 1,
    location: { ...LOC, extras: [] },
    data: Uint8Array.of(0xff, 0xd8),
  },
  { type: 'uplinkPassThrough', passThroughType: 0xf7, data: Uint8Array.of(1, 2) },
  { type: 'deleteCircleAreas', ids: [1, 2] },
  { type: 'deleteRectangleAreas', ids: [] },
  { type: 'deletePolygonAreas', ids: [3] },
  { type: 'deleteRoutes', ids: [4] },
  {
    type: 'alarmAttachmentUpload',
    host: '192.168.1.100',
    tcpPort: 8080,
    udpPort: 0,
    alarmIdentification: AID,
    alarmNumber: 'ALARM-0001',
    reserved: new Uint8Array(16),
  },
  {
    type: 'alarmAttachmentInfo',
    terminalId: 'ABCDEFG',
    alarmIdentification: AID,
    alarmNumber: 'ALARM-0001',
    infoType: 0,
    files: [{ name: 'a.jpg', size: 9 }],
  },
  { type: 'fileInfoUpload', name: 'a.jpg', fileType: 0, size: 9 },
  { type: 'fileUploadComplete', name: 'a.jpg', fileType: 0, size: 9 },
  {
    type: 'fileUploadCompleteResponse',
    name: 'a.jpg',
    fileType: 0,
    result: 1,
    missing: [{ offset: 0, length: 4096 }],
  },
];

describe('edition-independent bodies under a 2019 header', () => {
  for (const m of SAME_IN_BOTH) {
    it(m.type, () => {
      expect(toHex(encodeBody(m, { edition: 2019 }))).toBe(toHex(encodeBody(m, { edition: 2013 })));
      const wire = encode(m, { phone: '00000000013912345678', serial: 3, edition: 2019 });
      const r = decodeFrame(wire);
      if (!r.ok) throw new Error(r.error.detail);
      expect(r.header).toMatchObject({
        edition: 2019,
        protocolVersion: 1,
        phone: '00000000013912345678',
        serial: 3,
      });
      expect(r.message).toEqual(m);
    });
  }
});
