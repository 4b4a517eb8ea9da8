import { describe, expect, it } from 'vitest';
import {
  alarmPeople,
  evidenceBounds,
  evidenceCentre,
  evidenceFeatures,
  lateReceivedAt,
  measuredText,
  qualificationProblems,
} from './evidence.js';

describe('alarm evidence', () => {
  it('tells an alarm the terminal uploaded late, with when it was received', () => {
    const at = '2026-11-23T01:10:06.000Z';
    expect(lateReceivedAt({ evidence: { detail: { late: true, receivedAt: at } } })).toBe(at);
    expect(lateReceivedAt({ evidence: { detail: { late: false, receivedAt: at } } })).toBeNull();
    expect(lateReceivedAt({ evidence: { detail: { reason: 'card_pulled' } } })).toBeNull();
    expect(lateReceivedAt({ evidence: {} })).toBeNull();
  });

  it('draws the start, the latest position and the line between them', () => {
    const fc = evidenceFeatures({
      lat: 41.13,
      lon: 122.08,
      evidence: { startPosition: { lat: 41.12, lon: 122.07 }, position: { lat: 41.13, lon: 122.08 } },
    });
    expect(fc.features.map((f) => f.properties.role)).toEqual(['path', 'start', 'latest']);
    expect(
      evidenceBounds({
        lat: null,
        lon: null,
        evidence: { startPosition: { lat: 41.12, lon: 122.07 }, position: { lat: 41.13, lon: 122.08 } },
      }),
    ).toEqual([122.07, 41.12, 122.08, 41.13]);
    expect(fc.features[0]!.geometry.coordinates).toEqual([
      [122.07, 41.12],
      [122.08, 41.13],
    ]);
  });

  it('falls back to the alarm position and skips missing or zero fixes', () => {
    const fc = evidenceFeatures({ lat: 41.1, lon: 122.0, evidence: { startPosition: { lat: 0, lon: 0 } } });
    expect(fc.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [122.0, 41.1] },
        properties: { role: 'latest' },
      },
    ]);
    expect(evidenceCentre({ lat: null, lon: null, evidence: {} })).toBeNull();
  });

  it('writes measured against threshold in the unit', () => {
    expect(measuredText({ measured: 96.04, threshold: 80, unit: 'km/h' })).toBe('96 / 80 km/h');
    expect(measuredText({ measured: -3, threshold: 0, unit: 'days' })).toBe('-3 / 0 days');
    expect(measuredText({ measured: null, threshold: null, unit: null })).toBe('—');
  });

  it('names the driver, and for a driver mismatch the waybill’s driver and whether the card is the escort’s', () => {
    const people = { p1: '王卡主', p2: '赵运单' };
    expect(
      alarmPeople(
        { driverId: 'p1', evidence: { detail: { cardDriverId: 'p1', waybillDriverId: 'p2', escort: true } } },
        people,
      ),
    ).toEqual({ driver: '王卡主', waybillDriver: '赵运单', escort: true, unknownCard: null });
    expect(
      alarmPeople(
        {
          driverId: null,
          evidence: {
            detail: { cardNotOnFile: true, cardName: '无名', cardNumber: 'QC-9', waybillDriverId: 'p2' },
          },
        },
        people,
      ),
    ).toEqual({ driver: null, waybillDriver: '赵运单', escort: false, unknownCard: '无名 QC-9' });
    expect(alarmPeople({ driverId: 'p9', evidence: {} }, people)).toEqual({
      driver: null, // not on file
      waybillDriver: null,
      escort: false,
      unknownCard: null,
    });
    expect(alarmPeople({ driverId: null, evidence: { detail: 'odd' } }, people)).toEqual({
      driver: null,
      waybillDriver: null,
      escort: false,
      unknownCard: null,
    });
  });

  it('lists why a card holder may not drive, with the qualification’s last valid day and, over age, the age limit’s', () => {
    const detail = {
      reasons: 'left,qualification_expired',
      qualificationValidUntil: '2026-11-01',
      ageLimitUntil: '2036-04-30',
    };
    // Within the age limit: its day is not shown.
    expect(qualificationProblems({ type: 'driver_unqualified', evidence: { detail } })).toEqual({
      reasons: ['left', 'qualification_expired'],
      until: '2026-11-01',
      ageUntil: null,
    });
    expect(
      qualificationProblems({
        type: 'driver_unqualified',
        evidence: { detail: { ...detail, reasons: 'over_age', ageLimitUntil: '2026-11-20' } },
      }),
    ).toEqual({ reasons: ['over_age'], until: '2026-11-01', ageUntil: '2026-11-20' });
    expect(
      qualificationProblems({
        type: 'driver_unqualified',
        evidence: { detail: { reasons: 'qualification_missing', qualificationValidUntil: '' } },
      }),
    ).toEqual({ reasons: ['qualification_missing'], until: null, ageUntil: null });
    expect(qualificationProblems({ type: 'driver_unqualified', evidence: {} })).toEqual({
      reasons: [],
      until: null,
      ageUntil: null,
    });
    expect(qualificationProblems({ type: 'driver_mismatch', evidence: { detail } })).toBeNull();
  });
});
