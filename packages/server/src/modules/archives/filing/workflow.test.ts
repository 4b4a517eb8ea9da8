import { describe, expect, it } from 'vitest';
import { nextFilingStatus } from './workflow.js';

describe('filing workflow', () => {
  it('files a new enterprise through company → county → city', () => {
    expect(nextFilingStatus('enterprise', 'draft', 'submit', 'company', undefined)).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(nextFilingStatus('enterprise', 'submitted', 'county_approve', 'county', undefined)).toEqual({
      ok: true,
      to: 'county_approved',
    });
    expect(nextFilingStatus('enterprise', 'county_approved', 'approve', 'city', undefined)).toEqual({
      ok: true,
      to: 'filed',
    });
  });

  it('files a vehicle with the county review alone', () => {
    expect(nextFilingStatus('vehicle', 'submitted', 'county_approve', 'county', undefined)).toEqual({
      ok: true,
      to: 'filed',
    });
  });

  it('keeps each level to its own steps', () => {
    expect(nextFilingStatus('enterprise', 'county_approved', 'approve', 'county', undefined)).toEqual({
      ok: false,
      reason: 'wrong_level',
    });
    expect(nextFilingStatus('vehicle', 'submitted', 'county_approve', 'company', undefined)).toEqual({
      ok: false,
      reason: 'wrong_level',
    });
    expect(nextFilingStatus('enterprise', 'county_approved', 'reject', 'county', '材料不全')).toEqual({
      ok: false,
      reason: 'wrong_level',
    });
  });

  it('needs a reason to reject or reopen, and returns a rejected record for resubmission', () => {
    expect(nextFilingStatus('person', 'submitted', 'reject', 'county', '')).toEqual({
      ok: false,
      reason: 'reason_required',
    });
    expect(nextFilingStatus('person', 'submitted', 'reject', 'county', '从业资格证已过期')).toEqual({
      ok: true,
      to: 'rejected',
    });
    expect(nextFilingStatus('person', 'rejected', 'submit', 'company', undefined)).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(nextFilingStatus('vehicle', 'filed', 'reopen', 'city', '道路运输证信息有误')).toEqual({
      ok: true,
      to: 'draft',
    });
  });

  it('refuses steps from the wrong state', () => {
    expect(nextFilingStatus('vehicle', 'draft', 'county_approve', 'county', undefined)).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
    expect(nextFilingStatus('vehicle', 'filed', 'submit', 'company', undefined)).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
  });
});
