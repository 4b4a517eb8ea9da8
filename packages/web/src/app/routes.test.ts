import { describe, expect, it } from 'vitest';
import { allowedPages, pageForPath } from './routes.js';
import { scopeLabel } from './scope-label.js';

describe('menu by permission', () => {
  it('shows the review queue only to reviewers', () => {
    const monitor = allowedPages(['self', 'archives:read']).map((p) => p.id);
    expect(monitor).toContain('vehicles');
    expect(monitor).not.toContain('review');
    expect(allowedPages(['self', 'archives:read', 'archives:review']).map((p) => p.id)).toContain('review');
  });

  it('shows alarms to alarm readers and track playback to position readers', () => {
    const monitor = allowedPages(['self', 'archives:read', 'positions:read', 'alarms:read', 'alarms:handle']);
    expect(monitor.map((p) => p.id)).toEqual(expect.arrayContaining(['alarms', 'track', 'map']));
    expect(allowedPages(['self', 'archives:read']).map((p) => p.id)).not.toContain('alarms');
    expect(pageForPath('/track', ['positions:read'])?.id).toBe('track');
  });

  it('shows nothing to a role without archive access', () => {
    expect(allowedPages(['self'])).toEqual([]);
    expect(pageForPath('/', ['self'])).toBeNull();
  });

  it('resolves paths, with trailing slashes, and falls back to the first allowed page', () => {
    const perms = ['archives:read'];
    expect(pageForPath('/archives/vehicles/', perms)?.id).toBe('vehicles');
    expect(pageForPath('/archives/review', perms)?.id).toBe('dashboard');
    expect(pageForPath('/nowhere', perms)?.id).toBe('dashboard');
  });
});

// waybills
describe('waybill pages by permission', () => {
  it('gives each front-line role its own screen and the emergency cards', () => {
    const ids = (perms: string[]) => allowedPages(perms).map((p) => p.id);
    expect(ids(['self', 'archives:read', 'goods:read', 'waybills:fill', 'emergency_cards:read'])).toEqual(
      expect.arrayContaining(['filling', 'emergencyCards']),
    );
    expect(ids(['self', 'archives:read', 'waybills:fill'])).not.toContain('checkpoint');
    expect(ids(['self', 'archives:read', 'waybills:verify'])).toContain('checkpoint');
    expect(ids(['self', 'goods:read', 'emergency_cards:read'])).toEqual(['emergencyCards']);
    expect(pageForPath('/waybills', ['archives:read', 'waybills:read'])?.id).toBe('waybills');
  });
});

// pages
describe('rule pages and the big screen by permission', () => {
  it('lists zones and bans for rule writers, the usage rate for waybill readers', () => {
    const ids = (perms: string[]) => allowedPages(perms).map((p) => p.id);
    expect(ids(['self', 'archives:read', 'rules:write'])).toEqual(
      expect.arrayContaining(['geofences', 'bans']),
    );
    expect(ids(['self', 'archives:read', 'waybills:read'])).not.toContain('geofences');
    expect(ids(['self', 'archives:read', 'waybills:read'])).toContain('usage');
  });

  it('shows the thresholds to whoever reads alarms (companies read theirs), not to the front line', () => {
    const ids = (perms: string[]) => allowedPages(perms).map((p) => p.id);
    expect(ids(['self', 'archives:read', 'alarms:read'])).toContain('params');
    expect(
      ids(['self', 'archives:read', 'goods:read', 'waybills:fill', 'emergency_cards:read']),
    ).not.toContain('params');
    expect(ids(['self', 'archives:read', 'goods:read', 'waybills:verify'])).not.toContain('params');
  });

  it('opens the big screen full screen for alarm readers', () => {
    const page = pageForPath('/big-screen', ['archives:read', 'alarms:read']);
    expect(page?.id).toBe('bigScreen');
    expect(page?.fullScreen).toBe(true);
    expect(pageForPath('/big-screen', ['archives:read'])?.id).toBe('dashboard');
  });
});

// accounts
describe('administration pages by permission', () => {
  const ids = (perms: string[]) => allowedPages(perms).map((p) => p.id);
  it('shows users and API keys to account admins, the audit log to its readers', () => {
    const companyAdmin = [
      'self',
      'users:read',
      'users:write',
      'api_keys:read',
      'api_keys:write',
      'archives:read',
    ];
    expect(ids(companyAdmin)).toEqual(expect.arrayContaining(['users', 'apiKeys']));
    expect(ids(companyAdmin)).not.toContain('audit');
    expect(ids(['self', 'archives:read', 'audit:read'])).toContain('audit');
    expect(ids(['self', 'archives:read', 'positions:read', 'alarms:read'])).not.toEqual(
      expect.arrayContaining(['users']),
    );
    expect(pageForPath('/system/api-keys', companyAdmin)?.id).toBe('apiKeys');
    expect(allowedPages(companyAdmin).find((p) => p.id === 'users')?.group).toBe('system');
  });
});

describe('scopeLabel', () => {
  const districts = [{ code: '211103', name: '兴隆台区', nameEn: 'Xinglongtai District' }];
  it('names the district in the chosen language', () => {
    expect(scopeLabel({ kind: 'district', districtCode: '211103' }, 'zh-CN', districts)).toBe(
      '县区：兴隆台区',
    );
    expect(scopeLabel({ kind: 'district', districtCode: '211103' }, 'en', districts)).toBe(
      'Xinglongtai District',
    );
  });
  it('names the city and a company', () => {
    expect(scopeLabel({ kind: 'city' }, 'zh-CN', districts)).toBe('全市');
    expect(scopeLabel({ kind: 'enterprise', enterpriseId: 'e1' }, 'en', districts, '华运')).toBe(
      'Company: 华运',
    );
  });
});
