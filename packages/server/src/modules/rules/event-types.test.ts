import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CertificateExpiryEvent as RulesView } from '../../rules/types.js';
import type { CertificateExpiryEvent as ArchivesEvent } from '../archives/certificates/expiry-job.js';

describe('certificate-expiry events in the rule event stream', () => {
  it('the rule engine view and the archives job publish the same shape', () => {
    expectTypeOf<RulesView>().toEqualTypeOf<ArchivesEvent>();
    const e: ArchivesEvent = {
      type: 'certificate_expiry',
      certificateId: 'c1',
      holderType: 'vehicle',
      holderId: 'v1',
      enterpriseId: 'e1',
      districtCode: '211103',
      kind: 'road_transport_certificate',
      number: '辽交运管盘字211103000001',
      validUntil: '2026-12-22',
      thresholdDays: 30,
      daysLeft: 30,
      today: '2026-11-22',
    };
    const view: RulesView = e;
    expect(view.type).toBe('certificate_expiry');
  });
});
