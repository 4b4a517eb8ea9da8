/**
 * The accounts module's data for the route walker (src/testing/scope-walk.ts): a tenant's
 * accounts in every scope kind and its API keys, each carrying the tenant's marker.
 */
import type { ScopeFixture } from '../../testing/scope-walk.js';
import { makeApiKey, makeUser } from './testing.js';

export const accountsScopeFixture: ScopeFixture = {
  module: 'accounts',
  async create(db, t) {
    const name = (what: string) => `${what}.${t.marker}`;
    const ent = { kind: 'enterprise' as const, enterpriseId: t.enterpriseId };
    const admin = await makeUser(db, 'enterprise_admin', ent, {
      username: name('admin'),
      displayName: `管理员 ${t.marker}`,
    });
    const monitor = await makeUser(db, 'enterprise_monitor', ent, {
      username: name('monitor'),
      displayName: `监控员 ${t.marker}`,
    });
    await makeUser(
      db,
      'county_regulator',
      { kind: 'district', districtCode: t.districtCode },
      { username: name('county') },
    );
    await makeUser(
      db,
      'filling_operator',
      { kind: 'filling_site', placeId: t.fillingSiteId },
      { username: name('filling') },
    );
    await makeUser(
      db,
      'checkpoint_officer',
      { kind: 'checkpoint', placeId: t.checkpointId },
      { username: name('checkpoint') },
    );
    const key = await makeApiKey(db, ent, ['ingest:positions'], admin.id);
    await db.query('UPDATE api_keys SET name = $2 WHERE id = $1', [
      key.split('.')[0],
      `platform ${t.marker}`,
    ]);
    await makeApiKey(
      db,
      { kind: 'checkpoint', placeId: t.checkpointId },
      ['ingest:checkpoint_passes'],
      admin.id,
    );
    const inTenant = `(u.enterprise_id = $1 OR u.district_code = $2 OR u.place_id IN ($3, $4))`;
    const args = [t.enterpriseId, t.districtCode, t.fillingSiteId, t.checkpointId];
    return {
      params: { userId: monitor.id, apiKeyId: key.split('.')[0]! },
      bodies: {
        'POST /api/auth/login': { username: monitor.username, password: 'Wrong-password-1' },
        'POST /api/auth/password': { currentPassword: 'Wrong-password-1', newPassword: 'Another-pass-99' },
        'POST /api/users': {
          username: name('new'),
          displayName: `新账号 ${t.marker}`,
          password: 'Good-password-1',
          role: 'enterprise_monitor',
          scope: ent,
        },
        'PATCH /api/users/:userId': { displayName: 'taken over', disabled: true },
        'POST /api/api-keys': {
          name: `stolen ${t.marker}`,
          scope: ent,
          permissions: ['ingest:positions'],
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      async snapshot() {
        // Business columns only: failed-login counters move when anyone types a wrong password.
        const users = await db.query(
          `SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.scope_kind, u.district_code,
             u.enterprise_id, u.place_id, u.disabled, u.must_change_password
           FROM users u WHERE ${inTenant} ORDER BY u.id`,
          args,
        );
        const sessions = await db.query(
          `SELECT s.id, s.revoked_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE ${inTenant} ORDER BY s.id`,
          args,
        );
        const keys = await db.query(
          `SELECT id, name, permissions, expires_at, revoked_at FROM api_keys
           WHERE enterprise_id = $1 OR place_id = $2 ORDER BY id`,
          [t.enterpriseId, t.checkpointId],
        );
        return { users: users.rows, sessions: sessions.rows, keys: keys.rows };
      },
    };
  },
};
