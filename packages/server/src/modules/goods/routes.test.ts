import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { accountsModule } from '../accounts/routes.js';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import { readTable, writeTable } from '../archives/transfer/tabular.js';
import { builtinGoods } from './builtin.js';
import { goodsModule } from './index.js';
import { syncBuiltinGoods } from './sync.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 20_000;

for (const target of testDatabases()) {
  describe(`goods routes on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let city: Record<string, string>;
    let county: Record<string, string>;
    let responder: Record<string, string>;

    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(
        db,
        [accountsModule, goodsModule],
        testConfig({ GOODS_IMPORT_MAX_BYTES: String(MAX_BYTES) }),
      );
      const who = async (role: Parameters<typeof makeUser>[1], scope: Parameters<typeof makeUser>[2]) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      city = await who('city_regulator', { kind: 'city' });
      county = await who('county_regulator', { kind: 'district', districtCode: '211102' });
      responder = await who('emergency_responder', { kind: 'city' });
    });
    afterAll(async () => {
      await app.close();
      await cleanup();
    });

    const get = (url: string, who = county) => app.inject({ url, headers: who });
    const csv = (text: string, who = city) =>
      app.inject({
        method: 'POST',
        url: '/api/goods/import',
        headers: { ...who, 'content-type': 'text/csv' },
        payload: Buffer.from(`\ufeff${text}`),
      });
    const audits = async (action: string) =>
      (
        await db.query<{ target_id: string | null; after: unknown }>(
          'SELECT target_id, after FROM audit_log WHERE action = $1 ORDER BY id',
          [action],
        )
      ).rows;

    it('searches by UN number, Chinese or English name, alias, class and special category', async () => {
      const un = (await get('/api/goods?q=UN1203')).json();
      expect(un.items[0]).toMatchObject({
        unNumber: '1203',
        nameZh: '汽油',
        hazardClass: '3',
        packingGroups: ['II'],
      });
      const zh = (await get(`/api/goods?q=${encodeURIComponent('顺丁烯二酸酐')}`)).json();
      expect(zh.items.map((g: { unNumber: string }) => g.unNumber)).toEqual(['2215']);
      const alias = (await get('/api/goods?q=lng')).json();
      expect(alias.items.map((g: { unNumber: string }) => g.unNumber)).toEqual(['1972']);
      const en = (await get('/api/goods?q=sulphuric%20acid')).json();
      expect(en.items.map((g: { unNumber: string }) => g.unNumber)).toEqual(['1830', '1831', '1832', '2796']);

      const gases = (await get('/api/goods?hazardClass=2&pageSize=200')).json();
      expect(gases.total).toBe(builtinGoods.filter((g) => g.hazardClass.startsWith('2.')).length);
      expect(new Set(gases.items.map((g: { hazardClass: string }) => g.hazardClass))).toEqual(
        new Set(['2.1', '2.2', '2.3']),
      );
      const toxicGas = (await get('/api/goods?hazardClass=2.3&pageSize=200')).json();
      expect(toxicGas.items.every((g: { hazardClass: string }) => g.hazardClass === '2.3')).toBe(true);
      expect(toxicGas.items.map((g: { unNumber: string }) => g.unNumber)).toContain('1017');

      const ht = (await get('/api/goods?special=highly_toxic')).json();
      expect(ht.items.map((g: { unNumber: string }) => g.unNumber)).toEqual(['1051', '1076', '1680', '1689']);

      const page2 = (await get('/api/goods?hazardClass=3&page=2&pageSize=10')).json();
      const all3 = builtinGoods
        .filter((g) => g.hazardClass === '3')
        .map((g) => g.unNumber)
        .sort();
      expect(page2.total).toBe(all3.length);
      expect(page2.items.map((g: { unNumber: string }) => g.unNumber)).toEqual(all3.slice(10, 20));
      expect((await get('/api/goods?hazardClass=10')).statusCode).toBe(400);
    });

    it('reads one UN number with its card, the override applied', async () => {
      const chlorine = (await get('/api/goods/1017', responder)).json();
      expect(chlorine).toMatchObject({
        unNumber: '1017',
        hazardClass: '2.3',
        subsidiaryRisks: ['5.1', '8'],
        packingGroups: [],
        ergGuide: '124',
        source: 'builtin',
        cardKey: 'toxic_gas',
        cardOverride: { distances: { isolationM: 100, smallSpillM: 500, largeSpillM: 2000 } },
      });
      expect(chlorine.card.distances).toEqual({
        isolationM: 100,
        smallSpillM: 500,
        largeSpillM: 2000,
        fireM: 1600,
      });
      expect(chlorine.card.distancesOverridden).toBe(true);
      const gasoline = (await get('/api/goods/1203')).json();
      expect(gasoline.card).toMatchObject({
        key: 'flammable_liquid_immiscible',
        distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
        distancesOverridden: false,
      });
      expect(gasoline.card.fireFighting.prohibited.zh).toContain('直流水');
      expect((await get('/api/goods/0000')).statusCode).toBe(404);
      expect((await get('/api/goods/12a4')).statusCode).toBe(400);
    });

    it('lets the city change an entry by hand, with version check and audit, and keeps it from the built-in sync', async () => {
      const before = (await get('/api/goods/1170')).json();
      const body = {
        nameZh: '乙醇（无水）',
        nameEn: 'Ethanol',
        aliasesZh: ['酒精'],
        hazardClass: '3',
        packingGroups: ['II'],
        physicalState: 'liquid',
        densityKgPerL: 0.79,
        ergGuide: '127',
        card: {
          distances: { largeSpillM: 500 },
          note: { zh: '本市储罐区附近加大疏散距离', en: 'Wider near tank farms' },
        },
        version: before.version,
      };
      expect(
        (await app.inject({ method: 'PUT', url: '/api/goods/1170', headers: county, payload: body }))
          .statusCode,
      ).toBe(403);
      const res = await app.inject({ method: 'PUT', url: '/api/goods/1170', headers: city, payload: body });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        nameZh: '乙醇（无水）',
        packingGroups: ['II'],
        source: 'manual',
        version: before.version + 1,
        cardKey: 'flammable_liquid_immiscible', // derived from the class: no cardKey was sent
      });
      expect(res.json().card.distances.largeSpillM).toBe(500);
      expect(res.json().card.note.zh).toBe('本市储罐区附近加大疏散距离');
      const stale = await app.inject({ method: 'PUT', url: '/api/goods/1170', headers: city, payload: body });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('GOODS_STALE_VERSION');
      const audit = await audits('goods.update');
      expect(audit.map((a) => a.target_id)).toEqual(['1170']);
      await syncBuiltinGoods(db);
      expect((await get('/api/goods/1170')).json().nameZh).toBe('乙醇（无水）');

      const created = await app.inject({
        method: 'PUT',
        url: '/api/goods/3480',
        headers: city,
        payload: {
          nameZh: '锂离子电池组',
          nameEn: 'Lithium ion batteries',
          hazardClass: '9',
          physicalState: 'solid',
          ergGuide: '147',
        },
      });
      expect(created.statusCode).toBe(200);
      expect(created.json()).toMatchObject({
        unNumber: '3480',
        version: 1,
        source: 'manual',
        cardKey: 'environmentally_hazardous',
      });
      expect((await audits('goods.create')).map((a) => a.target_id)).toEqual(['3480']);
    });

    it('refuses a manual entry whose facts are not possible', async () => {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/goods/3481',
        headers: { ...city, 'accept-language': 'en' },
        payload: {
          nameZh: '测试',
          nameEn: 'Test',
          hazardClass: '2.1',
          packingGroups: ['II'],
          special: ['explosive'],
          physicalState: 'gas',
          cardKey: 'no_such_card',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(
        res
          .json()
          .details.fields.map((f: { reason: string }) => f.reason)
          .sort(),
      ).toEqual(['card_key.unknown', 'packing_group.not_allowed', 'special.explosive_class']);
      expect(res.json().details.fields[0].message).toMatch(/[a-z]/);
      expect((await get('/api/goods/3481')).statusCode).toBe(404);
    });

    it('imports a CSV table with Chinese headers, merging the lines of one UN number', async () => {
      const res = await csv(
        [
          'UN编号,中文名称,英文名称,类别或项别,包装类别,物理状态,应急指南编号,特殊类别,别名',
          '1993,易燃液体，未另作规定的,"Flammable liquid, n.o.s.",3,I,液体,128,,',
          '1993,易燃液体，未另作规定的,"Flammable liquid, n.o.s.",3,Ⅱ,液体,128,,',
          'UN1188,乙二醇单甲醚,Ethylene glycol monomethyl ether,3,III,液体,127,,2-甲氧基乙醇、甲基溶纤剂',
          '1689,氰化钠,Sodium cyanide,6.1,I,固体,157,剧毒,山奈',
        ].join('\n'),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ rows: 4, imported: 3, merged: 1, problems: [] });
      expect((await get('/api/goods/1993')).json()).toMatchObject({
        packingGroups: ['I', 'II'],
        source: 'import',
      });
      expect((await get('/api/goods/1188')).json()).toMatchObject({
        hazardClass: '3',
        aliasesZh: ['2-甲氧基乙醇', '甲基溶纤剂'],
        cardKey: 'flammable_liquid_immiscible',
        source: 'import',
      });
      expect((await get('/api/goods/1689')).json()).toMatchObject({
        special: ['highly_toxic'],
        nameZh: '氰化钠',
      });
      expect((await audits('goods.import')).at(-1)!.after).toMatchObject({
        imported: 3,
        unNumbers: ['1993', '1188', '1689'],
      });
    });

    it('imports xlsx with English headers and keeps a row’s own card override', async () => {
      const file = await writeTable(
        'xlsx',
        'goods',
        [
          'UN number',
          'Chinese name',
          'English name',
          'Class or division',
          'Subsidiary risks',
          'Packing groups',
          'Physical state',
        ],
        [
          ['1017', '氯', 'Chlorine', '2.3', '5.1, 8', '', 'gas'],
          ['0081', '爆破用炸药，A型', 'Explosive, blasting, type A', '1.1D', '', '', 'solid'],
        ],
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/goods/import',
        headers: { ...city, 'content-type': XLSX },
        payload: file,
      });
      expect(res.json()).toEqual({ rows: 2, imported: 2, merged: 0, problems: [] });
      const chlorine = (await get('/api/goods/1017')).json();
      expect(chlorine).toMatchObject({
        source: 'import',
        subsidiaryRisks: ['5.1', '8'],
        cardKey: 'toxic_gas',
      });
      expect(chlorine.card.distances.largeSpillM).toBe(2000);
      expect((await get('/api/goods/0081')).json()).toMatchObject({
        hazardClass: '1.1',
        compatibilityGroup: 'D',
        special: ['explosive'],
        cardKey: 'explosive',
      });
    });

    it('rejects the whole file with a row report when any line is wrong', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/goods/import',
        headers: { ...city, 'content-type': 'text/csv' },
        payload: [
          'UN编号 / UN number,中文名称,英文名称,类别或项别,包装类别,特殊类别,物理状态',
          '1181,氯乙酸乙酯,Ethyl chloroacetate,6.1,II,,液体',
          'ABCD,坏编号,Bad number,3,II,,液体',
          '1182,氯甲酸乙酯,Ethyl chloroformate,10,I,,液体',
          '1978,丙烷,Propane,2.1,II,,气体',
          '1183,乙基二氯硅烷,Ethyldichlorosilane,4.3,I,有毒,液体',
          '1181,氯乙酸乙酯,Ethyl chloroacetate,8,II,,液体',
        ].join('\n'),
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('GOODS_IMPORT_REJECTED');
      const problems = res
        .json()
        .details.problems.map((p: { row: number; column: string; reason: string }) => [
          p.row,
          p.column,
          p.reason,
        ]);
      expect(problems).toEqual([
        [3, 'UN编号 / UN number', 'un_number.format'],
        [4, '类别或项别', 'class.unknown'],
        [5, '包装类别', 'packing_group.not_allowed'],
        [6, '特殊类别', 'special.unknown'],
        [7, 'UN编号 / UN number', 'duplicate'],
      ]);
      expect(res.json().details.problems[0].message).toContain('4位数字');
      expect((await get('/api/goods/1181')).statusCode).toBe(404);
      expect((await get('/api/goods/1978')).json().source).toBe('builtin');
    });

    it('names unknown and missing columns, refuses unreadable and oversized files', async () => {
      const cols = await csv('UN编号,品名,颜色\n1203,汽油,红');
      expect(cols.statusCode).toBe(422);
      expect(
        cols
          .json()
          .details.problems.map((p: { column: string; reason: string }) => `${p.column}:${p.reason}`),
      ).toEqual([
        '颜色:unknown_column',
        '英文名称 / English name:required',
        '类别或项别 / Class or division:required',
        '物理状态 / Physical state:required',
      ]);
      const junk = await app.inject({
        method: 'POST',
        url: '/api/goods/import',
        headers: { ...city, 'content-type': XLSX },
        payload: Buffer.from('not a spreadsheet'),
      });
      expect(junk.json().code).toBe('GOODS_SPREADSHEET_UNREADABLE');
      const big = await csv(`UN编号,中文名称\n${'1203,汽油\n'.repeat(2000)}`);
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ code: 'GOODS_IMPORT_TOO_LARGE', details: { maxBytes: MAX_BYTES } });
      expect((await csv('UN编号\n1203', county)).statusCode).toBe(403);
    });

    it('offers a template that imports as it is', async () => {
      const res = await app.inject({ url: '/api/goods/import/template?format=xlsx', headers: city });
      expect(res.headers['content-type']).toBe(XLSX);
      const table = await readTable(res.rawPayload, 'xlsx');
      expect(table.headers.slice(0, 3)).toEqual([
        'UN编号 / UN number',
        '中文名称 / Chinese name',
        '英文名称 / English name',
      ]);
      const back = await app.inject({
        method: 'POST',
        url: '/api/goods/import',
        headers: { ...city, 'content-type': XLSX },
        payload: res.rawPayload,
      });
      expect(back.json()).toMatchObject({ rows: 2, imported: 2, problems: [] });
      expect((await get('/api/goods/1689')).json().special).toEqual(['highly_toxic']);
    });
  });
}
