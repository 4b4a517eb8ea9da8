import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../../platform/auth.js';
import type { Db } from '../../../platform/db/db.js';
import { testDatabases } from '../../../platform/db/testing.js';
import type { App } from '../../../platform/http/app.js';
import { accountsModule } from '../../accounts/routes.js';
import { bearer, makeSession, makeUser, migratedApp } from '../../accounts/testing.js';
import { goodsModule } from '../index.js';
import { activeWaybill } from './testing.js';

for (const target of testDatabases()) {
  describe(`emergency cards on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let a: Awaited<ReturnType<typeof activeWaybill>>;
    let b: Awaited<ReturnType<typeof activeWaybill>>;
    let closed: Awaited<ReturnType<typeof activeWaybill>>;
    const as: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(db, [accountsModule, goodsModule]);
      a = await activeWaybill(db, '211102', '盘锦甲危运有限公司', [
        {
          unNumber: '1203',
          name: '汽油',
          hazardClass: '3',
          packingGroup: 'II',
          packaging: '罐体第1仓',
          quantity: 8000,
          unit: 'L',
        },
        {
          unNumber: '1202',
          name: '柴油',
          hazardClass: '3',
          packingGroup: 'III',
          packaging: '罐体第2仓',
          quantity: 12000,
          unit: 'L',
        },
        {
          unNumber: '1824',
          name: '氢氧化钠溶液',
          hazardClass: '8',
          packingGroup: 'II',
          packaging: 'IBC 1000 L × 2',
          quantity: 2000,
          unit: 'L',
        },
        {
          unNumber: '9998',
          name: '未知<毒>物',
          hazardClass: '6.1',
          packingGroup: 'III',
          packaging: '桶装',
          quantity: 200,
          unit: 'kg',
        },
      ]);
      b = await activeWaybill(
        db,
        '211103',
        '盘锦乙危运有限公司',
        [
          {
            unNumber: '1075',
            name: '液化石油气',
            hazardClass: '2.1',
            packingGroup: null,
            packaging: '罐体',
            quantity: 9000,
            unit: 'kg',
          },
        ],
        'checked',
      );
      closed = await activeWaybill(
        db,
        '211102',
        '盘锦丙危运有限公司',
        [
          {
            unNumber: '1203',
            name: '汽油',
            hazardClass: '3',
            packingGroup: 'II',
            packaging: '罐体',
            quantity: 8000,
            unit: 'L',
          },
        ],
        'closed',
      );
      const who = async (key: string, role: Parameters<typeof makeUser>[1], scope: Scope) => {
        as[key] = bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      };
      await who('city', 'city_regulator', { kind: 'city' });
      await who('countyA', 'county_regulator', { kind: 'district', districtCode: '211102' });
      await who('countyB', 'county_regulator', { kind: 'district', districtCode: '211103' });
      await who('monitorA', 'enterprise_monitor', { kind: 'enterprise', enterpriseId: a.enterpriseId });
      await who('monitorB', 'enterprise_monitor', { kind: 'enterprise', enterpriseId: b.enterpriseId });
      await who('responder', 'emergency_responder', { kind: 'city' });
      await who('filling', 'filling_operator', { kind: 'filling_site', placeId: randomUUID() });
      await who('checkpoint', 'checkpoint_officer', { kind: 'checkpoint', placeId: randomUUID() });
    });
    afterAll(async () => {
      await app.close();
      await cleanup();
    });

    const card = (query: string, who: Record<string, string>) =>
      app.inject({ url: `/api/emergency-cards?${query}`, headers: who });
    const plate = (p: string) => `plate=${encodeURIComponent(p)}`;

    it('answers the active waybill of a plate with people, vehicles and a card per goods line', async () => {
      const res = await card(plate(a.plate), as.city!);
      expect(res.statusCode).toBe(200);
      const c = res.json();
      expect(c.waybill).toMatchObject({
        number: a.number,
        status: 'in_transit',
        originName: '盘锦辽河石化厂区',
      });
      expect(c.carrier).toMatchObject({ name: '盘锦甲危运有限公司', phone: '0427-1234567' });
      expect(c.carrier.permitNo).toMatch(/^辽交运管许可盘字/);
      expect(c.vehicle).toEqual({ plate: a.plate, roadTransportCertNo: `RT-${a.plate}` });
      expect(c.trailer.plate).toBe(a.trailerPlate);
      expect(c.tank).toMatchObject({ volumeM3: 30.5 });
      expect(c.driver.name).toMatch(/^王驾驶/);
      expect(c.escort.qualificationNo).toMatch(/^QC-李押运/);
      expect(
        c.lines.map((l: { unNumber: string; card: { key: string } }) => [l.unNumber, l.card.key]),
      ).toEqual([
        ['1203', 'flammable_liquid_immiscible'],
        ['1202', 'flammable_liquid_immiscible'],
        ['1824', 'corrosive_base'],
        ['9998', 'toxic_solid'],
      ]);
      expect(c.lines[2]).toMatchObject({
        quantity: 2000,
        unit: 'L',
        catalogued: true,
        goods: { nameEn: 'Sodium hydroxide solution' },
      });
      expect(c.lines[3]).toMatchObject({ catalogued: false, goods: null });
      expect(c.phones.map((p: { number: string }) => p.number)).toEqual([
        '119',
        '120',
        '110',
        '122',
        '0427-1234567',
      ]);

      // The trailer's plate, a plate typed loosely, and the waybill number find the same waybill.
      expect((await card(plate(a.trailerPlate), as.city!)).json().waybill.number).toBe(a.number);
      expect(
        (await card(plate(` ${a.plate.toLowerCase().replace('l', 'l ')}`), as.city!)).json().waybill.number,
      ).toBe(a.number);
      expect((await card(`waybill=${a.number}`, as.city!)).json().lines).toHaveLength(4);
    });

    it('prints one A4 section per goods line, zh-CN with English subtitles, everything escaped', async () => {
      const res = await app.inject({
        url: `/api/emergency-cards/print?waybill=${a.number}`,
        headers: as.responder!,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = res.body;
      expect(html).toContain('@page { size: A4');
      expect(html.match(/<section class="card">/g)).toHaveLength(4);
      expect(html).toContain(`运单 ${a.number} · 第 1 / 4 项`);
      expect(html).toContain('第 4 / 4 项');
      for (const text of [
        'UN 1203',
        '汽油',
        'Gasoline (motor spirit, petrol)',
        'UN 1202',
        '柴油',
        'UN 1824',
        '氢氧化钠溶液',
      ])
        expect(html).toContain(text);
      expect(html).toContain('易燃液体（不溶于水）');
      expect(html).toContain('Flammable liquid (not miscible with water)');
      expect(html).toContain('腐蚀性液体，碱性');
      expect(html).toContain('<td>300 m</td>');
      expect(html).toContain('该UN编号不在品名表中，按类别通用处置。');
      expect(html).toContain('未知&lt;毒&gt;物');
      expect(html).not.toContain('未知<毒>物');
      expect(html).toContain(a.trailerPlate);
      expect(html).toContain('<b>119</b> 火警<span class="en">Fire</span>');
      expect(html).toContain('承运人 盘锦甲危运有限公司');
      expect(html).not.toContain('<script');
    });

    it('keeps regulators and companies to their scope, and lets responders, filling sites and checkpoints look up any one waybill', async () => {
      const status = async (who: string, q: string) => (await card(q, as[who]!)).statusCode;
      expect(await status('countyA', plate(a.plate))).toBe(200);
      expect(await status('countyB', plate(a.plate))).toBe(404);
      expect(await status('countyB', plate(b.plate))).toBe(200);
      expect(await status('monitorA', plate(a.plate))).toBe(200);
      expect(await status('monitorB', `waybill=${a.number}`)).toBe(404);
      expect(await status('monitorA', plate(b.plate))).toBe(404);
      for (const who of ['responder', 'filling', 'checkpoint']) {
        expect(await status(who, plate(a.plate)), who).toBe(200);
        expect(await status(who, `waybill=${b.number}`), who).toBe(200);
      }
      const none = await card(plate(closed.plate), as.responder!);
      expect(none.statusCode).toBe(404);
      expect(none.json().code).toBe('EMERGENCY_CARD_NO_WAYBILL');
      expect((await card(`waybill=${closed.number}`, as.city!)).statusCode).toBe(404);
      expect((await card('', as.responder!)).json().code).toBe('EMERGENCY_CARD_QUERY');
      expect((await card(`${plate(a.plate)}&waybill=${a.number}`, as.responder!)).json().code).toBe(
        'EMERGENCY_CARD_QUERY',
      );
      const printOut = await app.inject({
        url: `/api/emergency-cards/print?${plate(a.plate)}`,
        headers: as.countyB!,
      });
      expect(printOut.statusCode).toBe(404);
    });
  });
}
