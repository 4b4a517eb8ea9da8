import { describe, expect, it } from 'vitest';
import type { Actor, Scope } from './auth.js';
import { scopeContains, scopeWhere } from './scope.js';

const actor = (scope: Scope): Actor => ({
  id: 'u1',
  name: 'x',
  role: 'county_regulator',
  scope,
  via: 'bearer',
});
const cols = {
  enterpriseColumn: 'v.enterprise_id',
  districtColumn: 'e.district_code',
  fillingSiteColumn: 'w.filling_site_id',
  checkpointColumn: 'p.checkpoint_id',
};

describe('scopeWhere', () => {
  it('binds the scope id after the parameters already in the query', () => {
    const params: unknown[] = ['first', 'second'];
    expect(scopeWhere(actor({ kind: 'district', districtCode: '211103' }), cols, params)).toBe(
      'e.district_code = $3',
    );
    expect(params).toEqual(['first', 'second', '211103']);
  });

  it('uses the column of each scope kind', () => {
    const cases: [Scope, string, string][] = [
      [{ kind: 'enterprise', enterpriseId: 'E' }, 'v.enterprise_id = $1', 'E'],
      [{ kind: 'filling_site', placeId: 'F' }, 'w.filling_site_id = $1', 'F'],
      [{ kind: 'checkpoint', placeId: 'C' }, 'p.checkpoint_id = $1', 'C'],
    ];
    for (const [scope, sql, id] of cases) {
      const params: unknown[] = [];
      expect(scopeWhere(actor(scope), cols, params)).toBe(sql);
      expect(params).toEqual([id]);
    }
  });

  it('lets the city see everything and nobody see anything when anonymous', () => {
    expect(scopeWhere(actor({ kind: 'city' }), {}, [])).toBe('TRUE');
    expect(scopeWhere(null, cols, [])).toBe('FALSE');
  });

  it('fails closed when the query has no column for the caller’s scope kind', () => {
    const params: unknown[] = [];
    expect(
      scopeWhere(actor({ kind: 'checkpoint', placeId: 'C' }), { enterpriseColumn: 'enterprise_id' }, params),
    ).toBe('FALSE');
    expect(params).toEqual([]);
  });

  it('refuses a column that is not a plain identifier', () => {
    expect(() =>
      scopeWhere(
        actor({ kind: 'enterprise', enterpriseId: 'E' }),
        { enterpriseColumn: 'x; DROP TABLE users' },
        [],
      ),
    ).toThrow(/plain column/);
  });
});

describe('scopeContains', () => {
  it('contains everything in the city and only itself elsewhere', () => {
    expect(scopeContains({ kind: 'city' }, { kind: 'enterprise', enterpriseId: 'E' })).toBe(true);
    expect(
      scopeContains({ kind: 'enterprise', enterpriseId: 'E' }, { kind: 'enterprise', enterpriseId: 'E' }),
    ).toBe(true);
    expect(
      scopeContains({ kind: 'enterprise', enterpriseId: 'E' }, { kind: 'enterprise', enterpriseId: 'F' }),
    ).toBe(false);
    expect(scopeContains({ kind: 'checkpoint', placeId: 'P' }, { kind: 'filling_site', placeId: 'P' })).toBe(
      false,
    );
    expect(scopeContains({ kind: 'district', districtCode: '211103' }, { kind: 'city' })).toBe(false);
  });
});
