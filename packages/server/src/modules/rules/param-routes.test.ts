/**
 * Rule thresholds through the API: the city's layer, a county's enterprise layer, the city's
 * vehicle layer; checked (bounds, the whole, versions), audited, scoped, and used by the rules at
 * once — a vehicle parked 11 minutes raises nothing under the regulations' 30 and an episode
 * under its own 10.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Scope } from '../../platform/auth.js';
import { testDatabases } from '../../platform/db/testing.js';
import { RuleEngine } from '../../rules/engine.js';
import { fixAt, MIN, T0 } from '../../rules/testing.js';
import type { RuleEvent } from '../../rules/types.js';
import type { UserRole } from '../accounts/repository.js';
import { useRulesApp, type Caller } from './app-testing.js';
import { RuleParamService } from './params-service.js';
import { makeEnterprise, makeTractor } from './testing.js';

for (const target of testDatabases()) {
  describe(`rule thresholds (${target.name})`, () => {
    const env = useRulesApp(target);
    const as = (role: UserRole, scope: Scope, lang?: 'zh' | 'en') => env.as(role, scope, lang);
    /** The status of setting `overrides` on the layer at `path` (under /api/rules/params/). */
    const put = async (who: Caller, path: string, overrides: object) =>
      (await who.send('PUT', `/api/rules/params/${path}`, { overrides })).statusCode;
    const fields = (res: { json: () => unknown }) =>
      (res.json() as { details: { fields: { field: string; reason: string; message: string }[] } }).details
        .fields;

    /** A city regulator calling the service directly (for tests that hold a transaction open). */
    const acting = (id: string) => ({
      actor: { id, name: id, role: 'city_regulator', scope: { kind: 'city' }, via: 'session' } as Actor,
      id,
      ip: '127.0.0.1',
    });

    /** env.db whose transactions, at their first statement matching `at`, first wait for `meanwhile` (once). */
    const pausing = (at: RegExp, meanwhile: () => Promise<unknown>): Db => {
      let paused = false;
      return {
        ...env.db,
        transaction: (fn) =>
          env.db.transaction((tx) =>
            fn({
              ...tx,
              query: async (sql: string, params?: unknown[]) => {
                if (!paused && at.test(sql)) {
                  paused = true;
                  await meanwhile();
                }
                return tx.query(sql, params);
              },
            } as Queryable),
          ),
      };
    };

    /** Events of a vehicle standing still at one spot (no designated place there) for `minutes`. */
    const parked = (
      vehicleId: string,
      minutes: number,
      engine = new RuleEngine(env.worker.context, { reorderWindowMs: 0 }),
      from = 0,
    ): RuleEvent[] => {
      const out: RuleEvent[] = [];
      for (let m = from; m <= minutes; m++) engine.ingest(fixAt(T0 + m * MIN, { vehicleId }), out);
      return out.filter((e) => e.type === 'parking_outside');
    };

    it('the city, a county and the city again set thresholds; the rules use them at once', async () => {
      const enterpriseId = await makeEnterprise(env.db, 61, '211103');
      const otherEnterprise = await makeEnterprise(env.db, 62, '211102');
      const vehicleId = await makeTractor(env.db, enterpriseId, 61);
      await env.worker.context.refresh();
      const city = await as('city_regulator', { kind: 'city' });
      const county = await as('county_regulator', { kind: 'district', districtCode: '211103' });
      const company = await as('enterprise_admin', { kind: 'enterprise', enterpriseId });
      const other = await as('enterprise_admin', { kind: 'enterprise', enterpriseId: otherEnterprise });

      // The regulations' 30 minutes: 11 minutes parked is nothing. The running env.worker's engine
      // takes the vehicle's first fix now, with the parameters of now.
      expect(parked(vehicleId, 11)).toEqual([]);
      expect(parked(vehicleId, 0, env.worker.engine)).toEqual([]);

      // The city's layer, for every vehicle.
      const setCity = await city.send('PUT', '/api/rules/params/city', {
        overrides: { parkingMinSec: 20 * 60, otherRoadLimitKmh: 50 },
        basis: '盘锦市交通运输局通知（演示）',
      });
      expect(setCity.statusCode).toBe(200);
      expect(setCity.json()).toMatchObject({ scope: 'city', id: null, version: 1 });
      expect(env.worker.context.params(vehicleId, enterpriseId)).toMatchObject({
        parkingMinSec: 1200,
        otherRoadLimitKmh: 50,
        expresswayLimitKmh: 80,
      });

      // The county for its district's company; not for another district's, not the city's.
      const setCompany = await county.send('PUT', `/api/rules/params/enterprises/${enterpriseId}`, {
        overrides: { parkingMinSec: 15 * 60, nightStartMinute: 21 * 60 },
        version: 0,
      });
      expect(setCompany.statusCode).toBe(200);
      expect(setCompany.json()).toMatchObject({
        scope: 'enterprise',
        id: enterpriseId,
        name: '盘锦规则测试运输61有限公司',
      });
      expect(await put(county, `enterprises/${otherEnterprise}`, { parkingMinSec: 900 })).toBe(404);
      expect(await put(county, 'city', { parkingMinSec: 900 })).toBe(403);
      expect((await county.send('DELETE', '/api/rules/params/city')).statusCode).toBe(403);
      // A company reads what applies to it and changes nothing.
      expect(await put(company, `vehicles/${vehicleId}`, { parkingMinSec: 3600 })).toBe(403);

      // Checked: each key within its bounds, known keys only, something to set, the whole, the version.
      const low = await city.send('PUT', `/api/rules/params/vehicles/${vehicleId}`, {
        overrides: { parkingMinSec: 5 },
      });
      expect(low.statusCode).toBe(400);
      expect(fields(low)).toEqual([
        { field: 'overrides.parkingMinSec', reason: 'range', message: '取值范围 60–86400' },
      ]);
      expect(await put(city, `vehicles/${vehicleId}`, { parkingMinutes: 10 })).toBe(400);
      expect(await put(city, `vehicles/${vehicleId}`, {})).toBe(400);
      // The company's night starts at 21:00: a vehicle's night ending then would be empty.
      const empty = await city.send('PUT', `/api/rules/params/vehicles/${vehicleId}`, {
        overrides: { nightEndMinute: 21 * 60 },
      });
      expect(empty.statusCode).toBe(400);
      expect(fields(empty).map((f) => f.field)).toEqual(['overrides.nightEndMinute']);
      const stale = await county.send('PUT', `/api/rules/params/enterprises/${enterpriseId}`, {
        overrides: { parkingMinSec: 900 },
        version: 0,
      });
      expect(stale.statusCode).toBe(409);

      // The vehicle's own layer wins; the effective view names the layer of each value.
      const setVehicle = await city.send('PUT', `/api/rules/params/vehicles/${vehicleId}`, {
        overrides: { parkingMinSec: 10 * 60 },
      });
      expect(setVehicle.statusCode).toBe(200);
      const plate = (
        await env.db.query<{ plate: string }>('SELECT plate FROM vehicles WHERE id = $1', [vehicleId])
      ).rows[0]!.plate;
      expect(setVehicle.json()).toMatchObject({
        scope: 'vehicle',
        id: vehicleId,
        name: plate,
        enterpriseName: '盘锦规则测试运输61有限公司',
      });
      const effective = await company.get(`/api/rules/params/vehicles/${vehicleId}`);
      expect(effective.statusCode).toBe(200);
      const e = effective.json<{
        params: Record<string, number>;
        sources: Record<string, string>;
        layers: { scope: string }[];
      }>();
      expect(e.params).toMatchObject({ parkingMinSec: 600, nightStartMinute: 1260, otherRoadLimitKmh: 50 });
      expect(e.sources).toMatchObject({
        parkingMinSec: 'vehicle',
        nightStartMinute: 'enterprise',
        otherRoadLimitKmh: 'city',
        expresswayLimitKmh: 'default',
      });
      expect(e.layers.map((l) => l.scope)).toEqual(['city', 'enterprise', 'vehicle']);
      expect((await other.get(`/api/rules/params/vehicles/${vehicleId}`)).statusCode).toBe(404);

      // 11 minutes parked is now an episode, measured against the vehicle's 10, also in the
      // running engine, which read the vehicle's parameters before they changed.
      expect(parked(vehicleId, 11).map((x) => [x.phase, x.threshold])).toEqual([['started', 600]]);
      expect(parked(vehicleId, 11, env.worker.engine, 1).map((x) => [x.phase, x.threshold])).toEqual([
        ['started', 600],
      ]);

      // Lists: the company sees the city's and its own layers; the other company only the city's.
      const listed = (await company.get('/api/rules/params')).json<{
        defaults: Record<string, number>;
        bounds: Record<string, [number, number]>;
        layers: { scope: string; id: string | null; enterpriseName: string | null }[];
      }>();
      expect(listed.defaults.parkingMinSec).toBe(1800);
      expect(listed.bounds.parkingMinSec).toEqual([60, 86400]);
      expect(listed.layers.map((l) => [l.scope, l.id, l.enterpriseName])).toEqual([
        ['city', null, null],
        ['enterprise', enterpriseId, null],
        ['vehicle', vehicleId, '盘锦规则测试运输61有限公司'],
      ]);
      expect(
        (await other.get('/api/rules/params'))
          .json<{ layers: { scope: string }[] }>()
          .layers.map((l) => l.scope),
      ).toEqual(['city']);

      // Cleared, the vehicle follows its company again: 11 minutes is nothing under 15.
      expect((await city.send('DELETE', `/api/rules/params/vehicles/${vehicleId}`)).statusCode).toBe(204);
      expect(env.worker.context.params(vehicleId, enterpriseId).parkingMinSec).toBe(900);
      expect(parked(vehicleId, 11)).toEqual([]);

      const audit = await env.db.query<{ action: string; target_id: string }>(
        `SELECT action, target_id FROM audit_log WHERE target_type = 'rule_params' ORDER BY at, id`,
      );
      expect(audit.rows.map((r) => [r.action, r.target_id])).toEqual([
        ['rule_params.create', 'city:city'],
        ['rule_params.create', `enterprise:${enterpriseId}`],
        ['rule_params.create', `vehicle:${vehicleId}`],
        ['rule_params.delete', `vehicle:${vehicleId}`],
      ]);
    });

    it('a change is checked against every stack of layers it reaches, and a clear too', async () => {
      const enterpriseId = await makeEnterprise(env.db, 66, '211103');
      const vehicleId = await makeTractor(env.db, enterpriseId, 66);
      const bareEnterprise = await makeEnterprise(env.db, 67, '211102');
      const bareVehicle = await makeTractor(env.db, bareEnterprise, 67);
      const plateOf = async (id: string) =>
        (await env.db.query<{ plate: string }>('SELECT plate FROM vehicles WHERE id = $1', [id])).rows[0]!
          .plate;
      const city = await as('city_regulator', { kind: 'city' });
      const cityEn = await as('city_regulator', { kind: 'city' }, 'en');
      const county = await as('county_regulator', { kind: 'district', districtCode: '211103' });
      // The company's night runs 20:07–06:00, its vehicle's 20:07–22:00; another company's
      // vehicle, whose company has no layer, 22:00–23:00.
      expect(await put(county, `enterprises/${enterpriseId}`, { nightStartMinute: 20 * 60 + 7 })).toBe(200);
      expect(await put(county, `vehicles/${vehicleId}`, { nightEndMinute: 22 * 60 })).toBe(200);
      expect(await put(city, `vehicles/${bareVehicle}`, { nightEndMinute: 23 * 60 })).toBe(200);

      // A city night ending at 20:07 would leave the company none: refused, the company named.
      const cityEnd = await city.send('PUT', '/api/rules/params/city', {
        overrides: { nightEndMinute: 20 * 60 + 7, parkingMinSec: 1200 },
      });
      expect(cityEnd.statusCode).toBe(400);
      expect(fields(cityEnd)).toEqual([
        {
          field: 'overrides.nightEndMinute',
          reason: 'emptyNight',
          message: '与「盘锦规则测试运输66有限公司」的阈值叠加后，夜间的开始与结束不能是同一分钟',
        },
      ]);
      const inEnglish = await cityEn.send('PUT', '/api/rules/params/city', {
        overrides: { nightEndMinute: 20 * 60 + 7 },
      });
      expect(fields(inEnglish)[0]!.message).toBe(
        'with the thresholds of 盘锦规则测试运输66有限公司, the night must not start and end at the same minute',
      );
      // A city night starting at 23:00 would leave the vehicle of the company without a layer none.
      const cityStart = await city.send('PUT', '/api/rules/params/city', {
        overrides: { nightStartMinute: 23 * 60 },
      });
      expect(cityStart.statusCode).toBe(400);
      expect(fields(cityStart)).toEqual([
        {
          field: 'overrides.nightStartMinute',
          reason: 'emptyNight',
          message: `与「${await plateOf(bareVehicle)}」的阈值叠加后，夜间的开始与结束不能是同一分钟`,
        },
      ]);
      // The company's night starting at 22:00 would leave its vehicle none.
      const companyStart = await county.send('PUT', `/api/rules/params/enterprises/${enterpriseId}`, {
        overrides: { nightStartMinute: 22 * 60 },
      });
      expect(companyStart.statusCode).toBe(400);
      expect(fields(companyStart)[0]!.message).toContain(await plateOf(vehicleId));
      // Cleared, the company's layer would give its vehicle the default 22:00 start: refused too.
      const cleared = await county.send('DELETE', `/api/rules/params/enterprises/${enterpriseId}`);
      expect(cleared.statusCode).toBe(400);
      expect(fields(cleared)[0]!.message).toContain(await plateOf(vehicleId));
      // Nothing changed, and a change that leaves every night whole is saved.
      expect(env.worker.context.params(vehicleId, enterpriseId)).toMatchObject({
        nightStartMinute: 20 * 60 + 7,
        nightEndMinute: 22 * 60,
      });
      expect((await env.db.query('SELECT 1 FROM rule_params')).rows).toHaveLength(3);
      expect(await put(city, 'city', { nightEndMinute: 5 * 60 })).toBe(200);
      expect(env.worker.context.params(bareVehicle, bareEnterprise)).toMatchObject({
        nightStartMinute: 22 * 60,
        nightEndMinute: 23 * 60,
      });
    });

    it('a layer goes with its vehicle or enterprise when that record is deleted', async () => {
      const enterpriseId = await makeEnterprise(env.db, 68, '211103');
      const vehicleId = await makeTractor(env.db, enterpriseId, 68);
      const city = await as('city_regulator', { kind: 'city' });
      expect(await put(city, `enterprises/${enterpriseId}`, { offlineSec: 1200 })).toBe(200);
      expect(await put(city, `vehicles/${vehicleId}`, { offlineSec: 900 })).toBe(200);
      const listed = async () =>
        (await city.get('/api/rules/params'))
          .json<{ layers: { scope: string; id: string | null }[] }>()
          .layers.map((l) => [l.scope, l.id]);
      expect(await listed()).toEqual([
        ['enterprise', enterpriseId],
        ['vehicle', vehicleId],
      ]);
      // Only records never filed are deleted (archives): these two are drafts again.
      await env.db.query(`UPDATE vehicles SET filing_status = 'draft' WHERE id = $1`, [vehicleId]);
      await env.db.query(`UPDATE enterprises SET filing_status = 'draft' WHERE id = $1`, [enterpriseId]);
      expect((await city.send('DELETE', `/api/archives/vehicles/${vehicleId}`)).statusCode).toBe(204);
      expect(await listed()).toEqual([['enterprise', enterpriseId]]);
      expect((await city.send('DELETE', `/api/archives/enterprises/${enterpriseId}`)).statusCode).toBe(204);
      expect(await listed()).toEqual([]);
      expect((await env.db.query('SELECT 1 FROM rule_params')).rows).toEqual([]);
    });

    it('a stored value out of bounds (a hand edit) is left out; the rest of its layer still applies', async () => {
      const enterpriseId = await makeEnterprise(env.db, 63, '211103');
      const vehicleId = await makeTractor(env.db, enterpriseId, 63);
      await env.db.query(
        `INSERT INTO rule_params (scope_type, scope_id, overrides) VALUES ('enterprise', $1, '{"parkingMinSec": 5, "offlineSec": 900}')`,
        [enterpriseId],
      );
      await env.worker.context.refresh();
      expect(env.worker.context.params(vehicleId, enterpriseId)).toMatchObject({
        parkingMinSec: 1800,
        offlineSec: 900,
      });
      const city = await as('city_regulator', { kind: 'city' });
      const res = await city.get(`/api/rules/params/vehicles/${vehicleId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        params: { parkingMinSec: 1800, offlineSec: 900 },
        sources: { parkingMinSec: 'default', offlineSec: 'enterprise' },
      });
    });

    // PGlite has one connection and runs a transaction alone: the direct INSERT this test commits
    // while the write's transaction is open would wait for that transaction forever.
    it.skipIf(target.name === 'pglite')(
      'a layer created by another writer between the read and the write: the write is told it is stale (PostgreSQL: two transactions at once)',
      async () => {
        const enterpriseId = await makeEnterprise(env.db, 65, '211103');
        // The first request, about to insert (its read found no layer), lets another writer create
        // and commit the same layer first. Requests through the service wait for each other (the
        // next test); this writer does not: a server of an older version during a rolling
        // upgrade, or a hand-made fix in the database.
        let second: Promise<unknown> | undefined;
        const slow = pausing(
          /^INSERT INTO rule_params/,
          () =>
            (second = env.db.query(
              `INSERT INTO rule_params (scope_type, scope_id, overrides) VALUES ('enterprise', $1, '{"parkingMinSec": 900}')`,
              [enterpriseId],
            )),
        );
        const first = new RuleParamService(slow, () => Promise.resolve()).set(
          acting('a'),
          'enterprise',
          enterpriseId,
          { overrides: { parkingMinSec: 1200 } },
        );
        await expect(first).rejects.toMatchObject({ code: 'CONFLICT' });
        await second;
        const rows = await env.db.query<{ overrides: object }>(
          `SELECT overrides FROM rule_params WHERE scope_id = $1`,
          [enterpriseId],
        );
        expect(rows.rows).toEqual([{ overrides: { parkingMinSec: 900 } }]);
      },
    );

    it("two changes at once that each pass alone but together leave a company no night: the second is checked against the first's", async () => {
      const enterpriseId = await makeEnterprise(env.db, 67, '211103');
      const plain = new RuleParamService(env.db, () => Promise.resolve());
      // The company's night starting at 05:00 is fine under the city's 22:00–06:00, and the city's
      // ending at 05:00 is fine under the company's layer as stored; together: 05:00–05:00.
      let second: Promise<unknown> | undefined;
      // Checked, about to write: the company's change starts and gets as far as it can (to its
      // end, were the two not kept apart) before this one commits.
      const slow = pausing(/^(INSERT INTO|UPDATE) rule_params/, () => {
        second = plain.set(acting('b'), 'enterprise', enterpriseId, {
          overrides: { nightStartMinute: 5 * 60 },
        });
        second.catch(() => undefined);
        return Promise.race([second, new Promise((r) => setTimeout(r, 500))]).catch(() => undefined);
      });
      await new RuleParamService(slow, () => Promise.resolve()).set(acting('a'), 'city', null, {
        overrides: { nightEndMinute: 5 * 60 },
      });
      await expect(second).rejects.toMatchObject({
        problems: [{ field: 'overrides.nightStartMinute', reason: 'emptyNight' }],
      });
      const rows = await env.db.query<{ scope_type: string; overrides: object }>(
        `SELECT scope_type, overrides FROM rule_params WHERE scope_type = 'city' OR scope_id = $1 ORDER BY scope_type`,
        [enterpriseId],
      );
      expect(rows.rows).toEqual([{ scope_type: 'city', overrides: { nightEndMinute: 300 } }]);
    });

    it('two regulators creating the same layer at once: one is saved, the other told it is stale', async () => {
      const enterpriseId = await makeEnterprise(env.db, 64, '211103');
      const city = await as('city_regulator', { kind: 'city' });
      const county = await as('county_regulator', { kind: 'district', districtCode: '211103' });
      const path = `/api/rules/params/enterprises/${enterpriseId}`;
      const answers = await Promise.all([
        city.send('PUT', path, { overrides: { parkingMinSec: 1200 }, version: 0 }),
        county.send('PUT', path, { overrides: { parkingMinSec: 900 }, version: 0 }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const saved = answers.find((a) => a.statusCode === 200)!.json<{ overrides: object }>();
      const rows = await env.db.query<{ overrides: object; version: number }>(
        `SELECT overrides, version FROM rule_params WHERE scope_id = $1`,
        [enterpriseId],
      );
      expect(rows.rows).toEqual([{ overrides: saved.overrides, version: 1 }]);
    });
  });
}
