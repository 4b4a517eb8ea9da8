import { describe, expect, it } from 'vitest';
import { filingActions, levelOfScope } from './filing-actions.js';

const company = ['archives:read', 'archives:write'];
const regulator = ['archives:read', 'archives:write', 'archives:review'];

describe('filingActions', () => {
  it('lets a company submit its drafts and rejected records, nothing more', () => {
    expect(filingActions('vehicle', 'draft', 'company', company)).toEqual(['submit']);
    expect(filingActions('vehicle', 'rejected', 'company', company)).toEqual(['submit']);
    expect(filingActions('vehicle', 'submitted', 'company', company)).toEqual([]);
  });

  it('gives a monitor without write permission no buttons', () => {
    expect(filingActions('vehicle', 'draft', 'company', ['archives:read'])).toEqual([]);
  });

  it('lets the county approve or reject what was submitted, and send filed records back', () => {
    expect(filingActions('vehicle', 'submitted', 'county', regulator)).toEqual(['county_approve', 'reject']);
    expect(filingActions('vehicle', 'filed', 'county', regulator)).toEqual(['reopen']);
    expect(filingActions('enterprise', 'county_approved', 'county', regulator)).toEqual([]);
  });

  it('leaves the final approval of a new company to the city', () => {
    expect(filingActions('enterprise', 'county_approved', 'city', regulator)).toEqual(['approve', 'reject']);
  });

  it('reads the level from the scope', () => {
    expect(levelOfScope({ kind: 'city' })).toBe('city');
    expect(levelOfScope({ kind: 'district', districtCode: '211103' })).toBe('county');
    expect(levelOfScope({ kind: 'enterprise', enterpriseId: 'x' })).toBe('company');
  });
});
