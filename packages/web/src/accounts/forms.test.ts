import { describe, expect, it } from 'vitest';
import {
  auditQuery,
  endOfChinaDay,
  formatTime,
  grantableRoles,
  ingestExample,
  keyState,
  refusalOnForm,
  scopeFor,
  toApiKeyBody,
  toUserCreateBody,
  toUserPatchBody,
  toUserValues,
  type Caller,
} from './forms.js';
import type { UserRow } from './types.js';

const E1 = '7e000000-0000-4000-8000-000000000001';
const E2 = '7e000000-0000-4000-8000-000000000002';
const CP = '7c000000-0000-4000-8000-000000000001';
const admin: Caller = { role: 'system_admin', scope: { kind: 'city' } };
const company: Caller = { role: 'enterprise_admin', scope: { kind: 'enterprise', enterpriseId: E1 } };

const user: UserRow = {
  id: 'u1',
  username: 'huayun.monitor',
  displayName: '华运监控员',
  role: 'enterprise_monitor',
  scope: { kind: 'enterprise', enterpriseId: E1 },
  disabled: false,
  mustChangePassword: false,
  lockedUntil: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('roles and scopes', () => {
  it('lets the system admin grant every role and a company admin only its company’s two', () => {
    expect(grantableRoles('system_admin')).toHaveLength(8);
    expect(grantableRoles('enterprise_admin')).toEqual(['enterprise_admin', 'enterprise_monitor']);
    expect(grantableRoles('city_regulator')).toEqual([]);
  });

  it('builds the scope a role needs from its field', () => {
    expect(scopeFor('city_regulator', { districtCode: '211103' }, admin)).toEqual({ kind: 'city' });
    expect(scopeFor('county_regulator', { districtCode: '211103' }, admin)).toEqual({
      kind: 'district',
      districtCode: '211103',
    });
    expect(scopeFor('county_regulator', {}, admin)).toBeNull();
    expect(scopeFor('filling_operator', { placeId: CP }, admin)).toEqual({
      kind: 'filling_site',
      placeId: CP,
    });
    expect(scopeFor('checkpoint_officer', { placeId: CP }, admin)).toEqual({
      kind: 'checkpoint',
      placeId: CP,
    });
  });

  it('keeps a company admin’s accounts in its own company whatever the form says', () => {
    expect(scopeFor('enterprise_monitor', { enterpriseId: E2 }, company)).toEqual({
      kind: 'enterprise',
      enterpriseId: E1,
    });
  });
});

describe('user bodies', () => {
  it('creates with trimmed names and the role’s scope', () => {
    expect(
      toUserCreateBody(
        {
          username: ' zhang.san ',
          displayName: ' 张三 ',
          password: 'Secret#2026x',
          role: 'enterprise_monitor',
        },
        company,
      ),
    ).toEqual({
      username: 'zhang.san',
      displayName: '张三',
      password: 'Secret#2026x',
      role: 'enterprise_monitor',
      scope: { kind: 'enterprise', enterpriseId: E1 },
    });
    expect(() => toUserCreateBody({ role: 'county_regulator' }, admin)).toThrow();
  });

  it('patches only what changed', () => {
    expect(toUserPatchBody(toUserValues(user), user, company)).toBeNull();
    expect(
      toUserPatchBody({ ...toUserValues(user), displayName: '新名字', disabled: true }, user, company),
    ).toEqual({
      displayName: '新名字',
      disabled: true,
    });
    expect(toUserPatchBody({ ...toUserValues(user), role: 'enterprise_admin' }, user, company)).toEqual({
      role: 'enterprise_admin',
      scope: { kind: 'enterprise', enterpriseId: E1 },
    });
    expect(
      toUserPatchBody(
        { ...toUserValues(user), role: 'county_regulator', districtCode: '211104' },
        user,
        admin,
      ),
    ).toEqual({ role: 'county_regulator', scope: { kind: 'district', districtCode: '211104' } });
    expect(toUserPatchBody({ ...toUserValues(user), enterpriseId: E2 }, user, admin)).toEqual({
      scope: { kind: 'enterprise', enterpriseId: E2 },
    });
  });
});

describe('API key bodies', () => {
  it('ends the key at the end of the chosen China-time day', () => {
    expect(endOfChinaDay('2027-01-31')).toBe('2027-01-31T15:59:59.999Z');
  });

  it('fixes a company admin’s key to its own company and keeps only that scope’s permissions', () => {
    expect(
      toApiKeyBody(
        {
          name: ' 华运平台 ',
          scopeKind: 'checkpoint',
          placeId: CP,
          enterpriseId: E2,
          permissions: ['ingest:positions', 'ingest:checkpoint_passes'],
          expiresOn: '2027-06-30',
        },
        company,
      ),
    ).toEqual({
      name: '华运平台',
      scope: { kind: 'enterprise', enterpriseId: E1 },
      permissions: ['ingest:positions'],
      expiresAt: '2027-06-30T15:59:59.999Z',
    });
  });

  it('gives the system admin a checkpoint camera key', () => {
    expect(
      toApiKeyBody(
        {
          name: 'G305',
          scopeKind: 'checkpoint',
          placeId: CP,
          permissions: ['ingest:checkpoint_passes'],
          expiresOn: '2027-01-01',
        },
        admin,
      ).scope,
    ).toEqual({ kind: 'checkpoint', placeId: CP });
    expect(() =>
      toApiKeyBody({ name: 'x', scopeKind: 'enterprise', expiresOn: '2027-01-01' }, admin),
    ).toThrow();
  });

  it('tells revoked, expired and active keys apart', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    expect(keyState({ revokedAt: '2026-12-01T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
    expect(keyState({ revokedAt: null, expiresAt: '2026-12-05T00:00:00Z' }, now)).toBe('expired');
    expect(keyState({ revokedAt: null, expiresAt: '2027-01-01T00:00:00Z' }, now)).toBe('active');
  });

  it('shows how a platform posts a position with the key', () => {
    const text = ingestExample('https://weiyun.example', 'abc.def', '2026-12-06T08:00:00+08:00');
    expect(text).toContain('POST https://weiyun.example/api/ingest/positions');
    expect(text).toContain('Authorization: ApiKey abc.def');
    const json = /-d '(.*)'$/.exec(text)![1]!;
    expect(JSON.parse(json)).toMatchObject({
      positions: [{ deviceTime: '2026-12-06T08:00:00+08:00', plateColour: 2 }],
    });
  });
});

describe('formatTime', () => {
  it('shows China time, and a dash for none', () => {
    expect(formatTime('2026-12-06T00:30:00Z', 'zh-CN')).toContain('08:30');
    expect(formatTime(null, 'en')).toBe('—');
  });
});

describe('auditQuery', () => {
  it('trims filters and turns China-time days into a half-open range', () => {
    expect(
      auditQuery({ action: ' user.create ', targetId: '  ', fromDay: '2026-12-01', toDay: '2026-12-06' }),
    ).toEqual({
      action: 'user.create',
      targetType: undefined,
      targetId: undefined,
      actorId: undefined,
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-06T16:00:00.000Z',
    });
  });
});

describe('refusalOnForm', () => {
  const fields = ['username', 'displayName', 'password', 'role', 'scope'];
  it('puts validation errors on their fields, the scope on the field that holds it', () => {
    const e = {
      code: 'VALIDATION_FAILED',
      message: '请求数据不合法',
      details: {
        fields: [
          { field: 'body.scope.kind', reason: 'role x needs scope y', message: '范围不符' },
          { field: 'body.nickname', reason: 'unknown' },
        ],
      },
    };
    expect(refusalOnForm(e, fields, (f) => (f === 'scope' ? 'placeId' : f))).toEqual({
      fields: [{ name: 'placeId', errors: ['范围不符'] }],
      other: ['nickname: unknown'],
    });
    expect(refusalOnForm({ ...e, details: {} }, fields)).toEqual({ fields: [], other: ['请求数据不合法'] });
  });

  it('puts a weak password and a taken username on their fields, anything else above', () => {
    expect(
      refusalOnForm(
        {
          code: 'AUTH_PASSWORD_WEAK',
          message: '密码不符合要求',
          details: { problems: ['at least 12 characters'] },
        },
        fields,
      ),
    ).toEqual({
      fields: [{ name: 'password', errors: ['密码不符合要求 (at least 12 characters)'] }],
      other: [],
    });
    expect(
      refusalOnForm({ code: 'CONFLICT', message: '已存在', details: { field: 'username' } }, fields),
    ).toEqual({
      fields: [{ name: 'username', errors: ['已存在'] }],
      other: [],
    });
    expect(refusalOnForm({ code: 'AUTH_ROLE_NOT_GRANTABLE', message: '无权授予该角色' }, fields)).toEqual({
      fields: [],
      other: ['无权授予该角色'],
    });
  });
});
