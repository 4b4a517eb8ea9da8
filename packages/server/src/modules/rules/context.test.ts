/**
 * The rule context loaded from the database: ban windows and their zones, active waybills with
 * their goods (classes from the lines, special categories from the catalogue), and the engine's
 * events for vehicles that carry (or do not carry) what a ban names.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { RuleEngine } from '../../rules/engine.js';
import { HOUR, Journey, kinds, PANJIN, T0 } from '../../rules/testing.js';
import type { RuleEvent, RuleFix } from '../../rules/types.js';
import { fileDriver } from '../../gateway/testing.js';
import { syncBuiltinGoods } from '../goods/sync.js';
import { ArchiveRuleContext } from './context.js';
import { DEMO_BAN_ID, loadDemoBans } from './demo.js';
import { insertBan, insertWaybill, makeEnterprise, makeTractor } from './testing.js';

const centre: [number, number] = [PANJIN.lon, PANJIN.lat];

function run(ctx: ArchiveRuleContext, fixes: readonly RuleFix[]): RuleEvent[] {
  const engine = new RuleEngine(ctx, { reorderWindowMs: 0 });
  const out: RuleEvent[] = [];
  for (const f of fixes) engine.ingest(f, out);
  return out;
}

for (const target of testDatabases()) {
  describe(`rule context from the database (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let enterpriseId: string;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      await syncBuiltinGoods(db);
      enterpriseId = await makeEnterprise(db, 1);
    });
    afterEach(async () => {
      await cleanup();
    });

    it('a nightly ban on LPG (2.1) in a city-centre zone: an episode at 23:00 for LPG, none by day or for gasoline', async () => {
      const lpg = await makeTractor(db, enterpriseId, 1);
      const petrol = await makeTractor(db, enterpriseId, 2);
      await insertWaybill(db, {
        vehicleId: lpg,
        enterpriseId,
        lines: [{ unNumber: '1075', hazardClass: '2.1' }],
      });
      await insertWaybill(db, {
        vehicleId: petrol,
        enterpriseId,
        lines: [{ unNumber: '1203', hazardClass: '3' }],
      });
      const { banId } = await insertBan(
        db,
        { center: centre, radiusM: 3000 },
        { goodsClasses: ['2'], daily: [{ start: '22:00', end: '06:00' }] },
      );
      const ctx = new ArchiveRuleContext(db);
      expect(await ctx.refresh()).toMatchObject({ bans: 1, waybills: 2 });
      expect(ctx.vehicle(lpg)?.goodsClasses).toEqual(['2.1']);

      const night = T0 + 14 * HOUR; // 23:00 local
      const atNight = run(ctx, new Journey(night, lpg).drive(5 * 60, 30, 20).fixes);
      expect(kinds(atNight, 'ban_violation')).toEqual(['started:ban_violation']);
      expect(atNight.find((e) => e.type === 'ban_violation')).toMatchObject({
        key: banId,
        vehicleId: lpg,
        enterpriseId,
        startedAt: night,
        severity: 'high',
      });
      expect(kinds(run(ctx, new Journey(T0, lpg).drive(5 * 60, 30, 20).fixes), 'ban_violation')).toEqual([]);
      expect(
        kinds(run(ctx, new Journey(night, petrol).drive(5 * 60, 30, 20).fixes), 'ban_violation'),
      ).toEqual([]);
    });

    it('a ban on a special category (剧毒) applies through the goods catalogue; refreshZones picks up a new ban', async () => {
      await db.query(
        `INSERT INTO goods (un_number, name_zh, name_en, hazard_class, packing_groups, special, physical_state, card_key)
         VALUES ('1613', '氢氰酸水溶液', 'Hydrocyanic acid, aqueous solution', '6.1', '{I}', '{highly_toxic}', 'liquid', 'toxic')
         ON CONFLICT (un_number) DO UPDATE SET special = EXCLUDED.special`,
      );
      const toxic = await makeTractor(db, enterpriseId, 3);
      await insertWaybill(db, {
        vehicleId: toxic,
        enterpriseId,
        lines: [{ unNumber: '1613', hazardClass: '6.1' }],
      });
      const ctx = new ArchiveRuleContext(db);
      await ctx.refresh();
      expect(ctx.vehicle(toxic)?.goodsClasses).toEqual(['6.1', 'highly_toxic']);
      const drive = () => new Journey(T0, toxic).drive(5 * 60, 30, 20).fixes;
      expect(kinds(run(ctx, drive()), 'ban_violation')).toEqual([]);

      await insertBan(db, { center: centre, radiusM: 3000 }, { goodsClasses: ['highly_toxic'] });
      expect(await ctx.refreshZones()).toEqual({ zones: 1, bans: 1 });
      expect(kinds(run(ctx, drive()), 'ban_violation')).toEqual(['started:ban_violation']);
    });

    it('the labelled demo ban: LPG in the Xinglongtai centre at night is an episode', async () => {
      await loadDemoBans(db);
      await loadDemoBans(db); // idempotent
      const lpg = await makeTractor(db, enterpriseId, 6);
      await insertWaybill(db, {
        vehicleId: lpg,
        enterpriseId,
        lines: [{ unNumber: '1075', hazardClass: '2.1' }],
      });
      const ctx = new ArchiveRuleContext(db);
      expect(await ctx.refresh()).toMatchObject({ bans: 1 });
      const night = run(ctx, new Journey(T0 + 14 * HOUR, lpg).drive(5 * 60, 30, 20).fixes);
      expect(night.filter((e) => e.type === 'ban_violation').map((e) => [e.phase, e.key])).toEqual([
        ['started', DEMO_BAN_ID],
      ]);
    });

    it("the waybill's driver and escort reach the rules: another person's IC card at the wheel is an episode", async () => {
      const vehicleId = await makeTractor(db, enterpriseId, 7);
      const driver = await fileDriver(db, enterpriseId, 71);
      const escort = await fileDriver(db, enterpriseId, 72);
      const waybillId = await insertWaybill(db, {
        vehicleId,
        enterpriseId,
        lines: [{ unNumber: '1203', hazardClass: '3' }],
        driverId: driver.personId,
        escortId: escort.personId,
      });
      const ctx = new ArchiveRuleContext(db);
      await ctx.refresh();
      expect(ctx.vehicle(vehicleId)?.waybill).toMatchObject({
        id: waybillId,
        driverId: driver.personId,
        escortId: escort.personId,
        departed: true, // in transit
      });
      const drive = (card: string) =>
        new Journey(T0, vehicleId).drive(5 * 60, 10, 40, { driverId: card }).fixes;
      expect(kinds(run(ctx, drive(driver.personId)), 'driver_mismatch')).toEqual([]);
      const events = run(ctx, drive(escort.personId)).filter((e) => e.type === 'driver_mismatch');
      expect(events.map((e) => [e.phase, e.driverId, e.waybillId, e.detail])).toEqual([
        [
          'started',
          escort.personId,
          waybillId,
          { cardDriverId: escort.personId, waybillDriverId: driver.personId, escort: true },
        ],
      ]);
    });

    it('a card not on file in the gateway’s card log reaches the rules; its removal is read incrementally', async () => {
      const vehicleId = await makeTractor(db, enterpriseId, 8);
      const driver = await fileDriver(db, enterpriseId, 81);
      await insertWaybill(db, { vehicleId, enterpriseId, lines: [], driverId: driver.personId });
      const report = (status: string, at: number, card: string | null) =>
        db.query(
          `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status,
             driver_name, certificate_number, device_time)
           VALUES ($1, gen_random_uuid(), $2, '211102', $3, $4, $5, $6)`,
          [vehicleId, enterpriseId, status, card && '无名', card, new Date(at)],
        );
      await report('inserted', T0 - 60_000, 'QC-UNKNOWN');
      const ctx = new ArchiveRuleContext(db);
      await ctx.refresh();
      expect(ctx.vehicle(vehicleId)?.unknownCard).toEqual({
        name: '无名',
        number: 'QC-UNKNOWN',
        since: T0 - 60_000,
      });
      const events = run(ctx, new Journey(T0, vehicleId).drive(3 * 60, 10, 40, { driverId: null }).fixes);
      expect(
        events.filter((e) => e.type === 'driver_mismatch').map((e) => [e.phase, e.driverId, e.detail]),
      ).toEqual([
        [
          'started',
          null,
          {
            cardDriverId: '',
            cardNotOnFile: true,
            cardName: '无名',
            cardNumber: 'QC-UNKNOWN',
            waybillDriverId: driver.personId,
            escort: false,
          },
        ],
      ]);
      await report('removed', T0 + 5 * 60_000, null);
      await ctx.refreshWaybills();
      expect(ctx.vehicle(vehicleId)?.unknownCard).toBeUndefined();
      await ctx.refreshWaybills(); // read again: changes nothing
      expect(ctx.vehicle(vehicleId)?.unknownCard).toBeUndefined();
    });

    it('the card holder’s archive standing reaches the qualification rule: at the full reload, and incrementally with a new card or a changed person or certificate', async () => {
      const vehicleId = await makeTractor(db, enterpriseId, 9);
      const driver = await fileDriver(db, enterpriseId, 91);
      // A waybill, so that `refreshWaybills` reads incrementally (without one it reloads everything).
      await insertWaybill(db, { vehicleId, enterpriseId, lines: [], driverId: driver.personId });
      const report = (personId: string | null, at: number) =>
        db.query(
          `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status, person_id, device_time)
           VALUES ($1, gen_random_uuid(), $2, '211102', $3, $4, $5)`,
          [vehicleId, enterpriseId, personId ? 'inserted' : 'removed', personId, new Date(at)],
        );
      await report(driver.personId, T0 - 60_000);
      // No margin: a read finds only the rows changed since the one before (told apart below).
      const ctx = new ArchiveRuleContext(db, { changeMarginMs: 0 });
      await ctx.refresh();
      expect(ctx.vehicle(vehicleId)?.cardHolder).toEqual({
        personId: driver.personId,
        name: '李驾驶',
        enterpriseId,
        standing: [],
        qualificationUntilDay: Date.parse('2028-01-01'),
        licenceUntilDay: null,
        // Born 1980-02-02 (the ID number): 60 until the day before the 61st birthday.
        ageLimitDay: Date.parse('2041-02-01'),
        barred: false,
        clearThroughDay: Date.parse('2028-01-01'),
      });
      const drive = (card: string) =>
        run(ctx, new Journey(T0, vehicleId).drive(5 * 60, 10, 40, { driverId: card }).fixes).filter(
          (e) => e.type === 'driver_unqualified',
        );
      expect(drive(driver.personId)).toEqual([]);

      // The certificate ran out on 2026-11-01 (T0 is 2026-11-23): read at the next full reload.
      await db.query(
        "UPDATE certificates SET valid_until = '2026-11-01' WHERE holder_id = $1 AND kind = 'qualification'",
        [driver.personId],
      );
      await ctx.refresh();
      expect(drive(driver.personId).map((e) => [e.phase, e.driverId, e.detail?.['reasons']])).toEqual([
        ['started', driver.personId, 'qualification_expired'],
      ]);
      // The age limit is the waybill check's (WAYBILL_PERSON_MAX_AGE): at 45 the driver, 46 on T0, is over it.
      const strict = new ArchiveRuleContext(db, { maxAgeYears: 45 });
      await strict.refresh();
      expect(strict.vehicle(vehicleId)?.cardHolder?.ageLimitDay).toBe(Date.parse('2026-02-01'));
      expect(
        run(strict, new Journey(T0, vehicleId).drive(5 * 60, 10, 40, { driverId: driver.personId }).fixes)
          .filter((e) => e.type === 'driver_unqualified')
          .map((e) => [e.detail?.['reasons'], e.detail?.['ageLimitUntil']]),
      ).toEqual([['qualification_expired,over_age', '2026-02-01']]);

      // Renewed: read with the next incremental refresh (the certificate row changed), not at the full reload.
      await db.query(
        "UPDATE certificates SET valid_until = '2029-06-30' WHERE holder_id = $1 AND kind = 'qualification'",
        [driver.personId],
      );
      await ctx.refreshWaybills();
      expect(ctx.vehicle(vehicleId)?.cardHolder?.clearThroughDay).toBe(Date.parse('2029-06-30'));
      expect(drive(driver.personId)).toEqual([]);
      // The person leaves the company: their own row changed, read the same way.
      await db.query("UPDATE personnel SET employment_status = 'left' WHERE id = $1", [driver.personId]);
      await ctx.refreshWaybills();
      expect(ctx.vehicle(vehicleId)?.cardHolder?.standing).toEqual(['left']);
      await db.query("UPDATE personnel SET employment_status = 'employed' WHERE id = $1", [driver.personId]);
      await ctx.refreshWaybills();
      expect(ctx.vehicle(vehicleId)?.cardHolder?.standing).toEqual([]);

      // Another card goes in: its person (an escort of another carrier, who left it) is read with the card.
      const other = await makeEnterprise(db, 2);
      const escort = await fileDriver(db, other, 92, '王押运');
      await db.query("UPDATE personnel SET roles = '{escort}', employment_status = 'left' WHERE id = $1", [
        escort.personId,
      ]);
      await report(escort.personId, T0 + 60_000);
      await ctx.refreshWaybills();
      expect(ctx.vehicle(vehicleId)?.cardHolder?.standing).toEqual(['left', 'not_driver']);
      expect(drive(escort.personId).map((e) => e.detail?.['reasons'])).toEqual([
        'left,not_driver,other_enterprise',
      ]);

      // The card is pulled: no holder.
      await report(null, T0 + 120_000);
      await ctx.refreshWaybills();
      expect(ctx.vehicle(vehicleId)?.cardHolder).toBeUndefined();
    });

    it('a waybill in the table silences no_waybill and turns on route deviation; closing it is read incrementally', async () => {
      const withWaybill = await makeTractor(db, enterpriseId, 4);
      const without = await makeTractor(db, enterpriseId, 5);
      // Planned route: 30 km due east of the start, corridor 200 m.
      const waybillId = await insertWaybill(db, {
        vehicleId: withWaybill,
        enterpriseId,
        lines: [{ unNumber: '1203', hazardClass: '3' }],
        route: [centre, [PANJIN.lon + 0.36, PANJIN.lat]],
        corridorM: 200,
        origin: centre,
      });
      const ctx = new ArchiveRuleContext(db, { waybillPlaceRadiusM: 300 });
      await ctx.refresh();
      expect(ctx.vehicle(withWaybill)?.waybill).toMatchObject({
        id: waybillId,
        route: { corridorWidthM: 200 },
        places: [{ kind: 'loading', lat: PANJIN.lat, lon: PANJIN.lon, radiusM: 300 }],
      });
      expect(ctx.vehicle(without)?.waybill).toBeNull();

      const onRoute = run(ctx, new Journey(T0, withWaybill).drive(15 * 60, 30, 40).fixes);
      expect(kinds(onRoute, 'no_waybill')).toEqual([]);
      expect(kinds(onRoute, 'route_deviation')).toEqual([]);
      const offRoute = run(
        ctx,
        // East along the route, then 3 km north off it.
        [
          ...new Journey(T0, withWaybill).drive(5 * 60, 30, 40).fixes,
          ...northFrom(T0 + 5 * 60_000, withWaybill, PANJIN.lon + 0.045),
        ],
      );
      expect(kinds(offRoute, 'route_deviation')).toEqual(['started:route_deviation']);
      expect(kinds(run(ctx, new Journey(T0, without).drive(15 * 60, 30, 40).fixes), 'no_waybill')).toEqual([
        'started:no_waybill',
      ]);

      // The waybill is closed and the other vehicle gets one: the incremental read sees both.
      await db.query(`UPDATE waybills SET status = 'closed', updated_at = now() WHERE id = $1`, [waybillId]);
      const second = await insertWaybill(db, {
        vehicleId: without,
        enterpriseId,
        status: 'checked',
        lines: [{ unNumber: '1202', hazardClass: '3' }],
      });
      expect(await ctx.refreshWaybills()).toBe(2);
      expect(ctx.vehicle(withWaybill)?.waybill).toBeNull();
      expect(ctx.vehicle(withWaybill)?.goodsClasses).toEqual([]);
      expect(ctx.vehicle(without)?.waybill?.id).toBe(second);
      expect(ctx.vehicle(without)?.waybill?.departed).toBeUndefined(); // checked: not under way yet
      // It leaves the loading place: in transit, read incrementally too.
      await db.query(`UPDATE waybills SET status = 'in_transit', updated_at = now() WHERE id = $1`, [second]);
      await ctx.refreshWaybills();
      expect(ctx.vehicle(without)?.waybill?.departed).toBe(true);
      expect(kinds(run(ctx, new Journey(T0, without).drive(15 * 60, 30, 40).fixes), 'no_waybill')).toEqual(
        [],
      );
      // Nothing changed since: the read finds only rows inside the late-commit margin, and changes nothing.
      await ctx.refreshWaybills();
      expect(ctx.vehicle(without)?.waybill?.id).toBe(second);
      expect(ctx.vehicle(withWaybill)?.waybill).toBeNull();
    });
  });
}

/** Northbound fixes at 40 km/h for 5 min from the given longitude (off an east–west route). */
function northFrom(t: number, vehicleId: string, lon: number): RuleFix[] {
  const out: RuleFix[] = [];
  for (let s = 0; s < 5 * 60; s += 30) {
    out.push({
      vehicleId,
      deviceTime: t + s * 1000,
      receivedTime: t + s * 1000 + 1000,
      lat: PANJIN.lat + ((40 / 3.6) * s) / 111_320,
      lon,
      speed: 40,
      heading: 0,
      altitude: 5,
      alarms: [],
      acc: true,
      fixed: true,
      valid: true,
    });
  }
  return out;
}
