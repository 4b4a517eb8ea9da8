/**
 * The catalogue's routes: search, read (facts + card), manual edit, the JT/T 617.3 table import
 * and its template. Thin: validate → authorize (`config.permission`) → repository → present.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, langFromAcceptLanguage, type Lang } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { App, AppDeps } from '../../platform/http/app.js';
import { recordAudit, type RequestContext } from '../accounts/audit.js';
import { readTable, TableError, writeTable, type TableFormat } from '../archives/transfer/tabular.js';
import { resolveCard } from './cards/index.js';
import type { SpecialCategory } from './facts.js';
import { GoodsImportRejected, importGoods, templateTable, type GoodsImportReport } from './import.js';
import { getGoods, listGoods, upsertGoods, type GoodsRecord } from './repository.js';
import { GoodsDetail, GoodsSummary, ImportReport, ListQuery, PutBody, UnNumberParams } from './schemas.js';
import { goodsProblemText, validateGoods } from './validate.js';

const tags = ['goods'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function acting(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

export const langOf = (req: FastifyRequest): Lang => langFromAcceptLanguage(req.headers['accept-language']);

function summary(r: GoodsRecord) {
  const { card: _card, ...rest } = r;
  return rest;
}

function detail(r: GoodsRecord) {
  return { ...summary(r), cardOverride: r.card, card: resolveCard(r.cardKey, r.card) };
}

const columnsDoc =
  'Columns (row 1; Chinese or English header, or both as "UN编号 / UN number"): UN编号 / UN number*, ' +
  '中文名称 / Chinese name*, 英文名称 / English name*, 别名 / Aliases (separated by 、 or ;), ' +
  '类别或项别 / Class or division* (3, 2.1, 1.1D), 配装组 / Compatibility group, 次要危险性 / Subsidiary risks, ' +
  '包装类别 / Packing groups (I, II, III), 特殊类别 / Special categories (剧毒, 易制爆, 爆炸品, 放射性, 危险废物), ' +
  '物理状态 / Physical state* (气体/液体/固体 or gas/liquid/solid), 密度(kg/L) / Density (kg/L), ' +
  '应急指南编号 / ERG guide, 应急卡模板 / Card template. * = required. Lines of one UN number with the same ' +
  'class are merged. All or nothing: one bad line and nothing is written.';

export async function registerGoodsRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const maxBytes = deps.config.GOODS_IMPORT_MAX_BYTES;
  // The archives module registers the same parsers; the goods module may also run without it.
  for (const type of ['text/csv', XLSX]) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => {
        done(null, body);
      });
    }
  }

  app.get(
    '/api/goods',
    {
      config: { permission: 'goods:read' },
      schema: {
        tags,
        summary: 'Search the dangerous-goods catalogue (危险货物品名表查询)',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(GoodsSummary), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const q = req.query as {
        q?: string;
        hazardClass?: string;
        special?: SpecialCategory;
        page?: number;
        pageSize?: number;
      };
      const out = await listGoods(db, q);
      return { items: out.items.map(summary), total: out.total };
    },
  );

  app.get(
    '/api/goods/:unNumber',
    {
      config: { permission: 'goods:read' },
      schema: {
        tags,
        summary: 'One UN number: facts and emergency card (品名详情与应急处置卡)',
        params: UnNumberParams,
        response: { 200: GoodsDetail },
      },
    },
    async (req) => {
      const r = await getGoods(db, (req.params as { unNumber: string }).unNumber);
      if (!r) throw new AppError('NOT_FOUND');
      return detail(r);
    },
  );

  app.put(
    '/api/goods/:unNumber',
    {
      config: { permission: 'goods:write' },
      schema: {
        tags,
        summary: 'Create or change one entry by hand (人工维护品名)',
        description:
          'Creates the UN number when absent; changing an existing entry needs the version read. The entry becomes source "manual" and the built-in data no longer overwrites it.',
        params: UnNumberParams,
        body: PutBody,
        response: { 200: GoodsDetail },
      },
    },
    async (req) => {
      const ctx = acting(req);
      const { unNumber } = req.params as { unNumber: string };
      const body = req.body as Record<string, unknown> & { version?: number; card?: unknown };
      const { values, problems } = validateGoods({ ...body, unNumber });
      if (!values)
        throw new AppError('VALIDATION_FAILED', {
          fields: problems.map((p) => goodsProblemText(p, langOf(req))),
        });
      const saved = await db.transaction(async (tx) => {
        const before = await getGoods(tx, unNumber, true);
        if (before && body.version !== before.version) throw new AppError('GOODS_STALE_VERSION');
        if (before && body.card === undefined) values.card = before.card;
        const after = await upsertGoods(tx, values, 'manual', false);
        await recordAudit(tx, ctx, {
          action: before ? 'goods.update' : 'goods.create',
          targetType: 'goods',
          targetId: unNumber,
          before,
          after,
        });
        return after;
      });
      return detail(saved);
    },
  );

  app.post(
    '/api/goods/import',
    {
      config: { permission: 'goods:write' },
      bodyLimit: maxBytes,
      preParsing: async (req) => {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > maxBytes) throw new AppError('GOODS_IMPORT_TOO_LARGE', { maxBytes, bytes: length });
      },
      schema: {
        tags,
        summary: 'Import the JT/T 617.3 dangerous-goods table from xlsx or CSV (导入品名表)',
        description: `Send the file as the body with Content-Type ${XLSX} or text/csv (at most GOODS_IMPORT_MAX_BYTES). ${columnsDoc}`,
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const ctx = acting(req);
      const lang = langOf(req);
      if (!Buffer.isBuffer(req.body))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: [XLSX, 'text/csv'] });
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      const table = await readTable(req.body, type === 'text/csv' ? 'csv' : 'xlsx').catch((err: unknown) => {
        throw err instanceof TableError
          ? new AppError('GOODS_SPREADSHEET_UNREADABLE', { reason: err.reason })
          : err;
      });
      const present = (r: GoodsImportReport) => ({
        rows: r.rows,
        imported: r.imported,
        merged: r.merged,
        problems: r.problems.map((p) => ({ row: p.row, column: p.column, ...goodsProblemText(p, lang) })),
      });
      try {
        const report = await db.transaction(async (tx) => {
          const r = await importGoods(tx, table);
          await recordAudit(tx, ctx, {
            action: 'goods.import',
            targetType: 'goods',
            targetId: null,
            after: { rows: r.rows, imported: r.imported, merged: r.merged, unNumbers: r.unNumbers },
          });
          return r;
        });
        return present(report);
      } catch (err) {
        if (err instanceof GoodsImportRejected)
          throw new AppError('GOODS_IMPORT_REJECTED', present(err.report));
        throw err;
      }
    },
  );

  app.get(
    '/api/goods/import/template',
    {
      config: { permission: 'goods:write' },
      schema: {
        tags,
        summary: 'The import template with both header languages and two example lines (导入模板)',
        description: columnsDoc,
        querystring: Type.Object(
          { format: Type.Optional(Type.String({ enum: ['xlsx', 'csv'], default: 'xlsx' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const format = ((req.query as { format?: string }).format ?? 'xlsx') as TableFormat;
      const t = templateTable();
      const data = await writeTable(format, '品名表', t.headers, t.rows);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="goods-template.${format}"`)
        .send(data);
    },
  );
}
