import { describe, expect, it } from 'vitest';
import { cardInReader, type DriverCardReport } from './driver-card.js';

const report = (over: Partial<DriverCardReport>): DriverCardReport => ({
  status: 'inserted',
  personId: 'p1',
  personName: '钱驾驶',
  driverName: '钱驾驶',
  certificateNumber: 'QC-1',
  deviceTime: '2026-12-06T08:00:00.000Z',
  receivedAt: '2026-12-06T08:00:02.000Z',
  ...over,
});

describe('the card in the reader', () => {
  it('is the newest report’s: a person on file by the archive’s name, since the card’s own time', () => {
    expect(cardInReader(report({}))).toEqual({
      kind: 'card',
      name: '钱驾驶',
      onFile: true,
      since: '2026-12-06T08:00:00.000Z',
    });
  });
  it('a card not on file shows its own name, or its number; without a device time, the receive time', () => {
    expect(cardInReader(report({ personId: null, personName: null, driverName: '无名' }))).toMatchObject({
      name: '无名',
      onFile: false,
    });
    expect(
      cardInReader(report({ personId: null, personName: null, driverName: null, deviceTime: null })),
    ).toEqual({ kind: 'card', name: 'QC-1', onFile: false, since: '2026-12-06T08:00:02.000Z' });
  });
  it('none when pulled or never reported; unreadable when put in but not read', () => {
    expect(cardInReader(undefined)).toEqual({ kind: 'none' });
    expect(cardInReader(report({ status: 'removed' }))).toEqual({ kind: 'none' });
    expect(cardInReader(report({ status: 'unreadable' }))).toEqual({
      kind: 'unreadable',
      since: '2026-12-06T08:00:00.000Z',
    });
  });
});
