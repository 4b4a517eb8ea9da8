import { describe, expect, it } from 'vitest';
import type { VerificationEvent } from '../verification/events.js';
import { certificateSeverity, fromCertificateEvent, fromRuleEvent, fromVerificationEvent } from './events.js';
import { reaches } from './hub.js';
import { ruleEvent } from './testing.js';

const owner = {
  enterpriseId: '0a000000-0000-4000-8000-00000000000a',
  vehicleId: '0b000000-0000-4000-8000-00000000000b',
};

describe('alarm signals from events', () => {
  it('keys a rule event by its episode id, so started, updated and ended share one alarm', () => {
    const started = fromRuleEvent(ruleEvent(owner));
    const ended = fromRuleEvent(ruleEvent(owner, { phase: 'ended', at: Date.parse('2026-11-02T01:05:00Z') }));
    expect(started).toMatchObject({
      source: 'rule',
      phase: 'started',
      severity: 'high',
      threshold: 80,
      measured: 96,
    });
    expect(
      typeof started !== 'string' && typeof ended !== 'string' && started.sourceId === ended.sourceId,
    ).toBe(true);
  });

  it("carries the rule event's waybill to the alarm; none for an event without one or with a malformed id", () => {
    const waybillId = '0c000000-0000-4000-8000-00000000000c';
    expect(
      fromRuleEvent(ruleEvent(owner, { type: 'route_deviation', key: waybillId, waybillId })),
    ).toMatchObject({
      type: 'route_deviation',
      waybillId,
    });
    expect(fromRuleEvent(ruleEvent(owner))).toMatchObject({ waybillId: null });
    expect(fromRuleEvent(ruleEvent(owner, { waybillId: 'w-1' }))).toMatchObject({ waybillId: null });
    const legacy: Partial<ReturnType<typeof ruleEvent>> = ruleEvent(owner);
    delete legacy.waybillId; // published before events carried the waybill
    expect(fromRuleEvent(legacy as ReturnType<typeof ruleEvent>)).toMatchObject({ waybillId: null });
  });

  it('raises nothing for info events, vehicles without a company, or garbage', () => {
    expect(fromRuleEvent(ruleEvent(owner, { severity: 'info' }))).toBe('info_severity');
    expect(fromRuleEvent(ruleEvent(owner, { enterpriseId: null }))).toBe('no_enterprise');
    expect(fromRuleEvent(ruleEvent(owner, { phase: 'paused' as never }))).toBe('malformed');
  });

  it('maps certificate warnings: expired is high, within a week medium, else low', () => {
    expect([30, 15, 8, 7, 1, 0, -3].map(certificateSeverity)).toEqual([
      'low',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
    const s = fromCertificateEvent(
      {
        type: 'certificate_expiry',
        certificateId: 'c1',
        holderType: 'person',
        holderId: 'p1',
        enterpriseId: owner.enterpriseId,
        districtCode: '211104',
        kind: 'qualification_certificate',
        number: 'Q-1',
        validUntil: '2026-11-02',
        thresholdDays: 0,
        daysLeft: 0,
        today: '2026-11-02',
      },
      new Date('2026-11-02T00:00:00Z'),
    );
    expect(s).toMatchObject({
      sourceId: 'cert-expiry/c1/2026-11-02/0',
      severity: 'high',
      vehicleId: null,
      districtCode: '211104',
      phase: 'ended',
    });
  });

  it('push reaches the company, its county and the city only', () => {
    const o = { enterpriseId: 'e1', districtCode: '211102' };
    expect(reaches({ kind: 'city' }, o)).toBe(true);
    expect(reaches({ kind: 'district', districtCode: '211102' }, o)).toBe(true);
    expect(reaches({ kind: 'district', districtCode: '211103' }, o)).toBe(false);
    expect(reaches({ kind: 'enterprise', enterpriseId: 'e1' }, o)).toBe(true);
    expect(reaches({ kind: 'enterprise', enterpriseId: 'e2' }, o)).toBe(false);
    expect(reaches({ kind: 'checkpoint', placeId: 'e1' }, o)).toBe(false);
    // An order to a county (no company) reaches no company.
    expect(
      reaches({ kind: 'enterprise', enterpriseId: 'e1' }, { enterpriseId: null, districtCode: '211102' }),
    ).toBe(false);
  });

  it('turns a verification finding into one alarm per record and finding, with the place as location', () => {
    const e: VerificationEvent = {
      id: 'filling/0c000000-0000-4000-8000-00000000000c/overfill',
      type: 'overfill',
      at: '2026-11-02T01:00:00.000Z',
      plate: '辽L12345',
      plateColour: 2,
      vehicleId: owner.vehicleId,
      enterpriseId: owner.enterpriseId,
      districtCode: '211102',
      waybillId: '0d000000-0000-4000-8000-00000000000d',
      driverId: null,
      place: { id: 'p', kind: 'filling_site', name: '充装站', lat: 41.12, lon: 122.07 },
      measured: 15900,
      threshold: 14800,
      unit: 'kg',
      detail: { recordId: 'r' },
    };
    expect(fromVerificationEvent(e)).toMatchObject({
      sourceId: 'verification/filling/0c000000-0000-4000-8000-00000000000c/overfill',
      source: 'verification',
      phase: 'ended',
      severity: 'high',
      enterpriseId: owner.enterpriseId,
      districtCode: '211102',
      waybillId: '0d000000-0000-4000-8000-00000000000d',
      lat: 41.12,
      lon: 122.07,
      measured: 15900,
      threshold: 14800,
    });
    expect(fromVerificationEvent({ ...e, type: 'goods_mismatch' })).toMatchObject({ severity: 'medium' });
    expect(fromVerificationEvent({ ...e, type: 'expired_certificate' })).toMatchObject({
      severity: 'medium',
    });
    expect(fromVerificationEvent({ ...e, type: 'unfiled_vehicle', enterpriseId: null })).toMatchObject({
      severity: 'high',
      enterpriseId: null,
      plate: '辽L12345',
    });
    expect(fromVerificationEvent({ ...e, type: 'speeding' as never })).toBe('malformed');
    expect(fromVerificationEvent({ ...e, districtCode: 'x' })).toBe('malformed');
  });
});
