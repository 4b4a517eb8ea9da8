/**
 * The archives module's routes: for each entity (enterprises, vehicles, terminals, personnel,
 * places) list / read / create / update / delete-draft / submit / review / history / import /
 * export, plus certificates, the review queue and the statistics. Routes are thin: schema →
 * permission (hook) → scoped repository in one transaction with its audit entry → present.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, langFromAcceptLanguage, type Lang } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { recordAudit, type RequestContext } from '../accounts/audit.js';
import { EVENTS_STREAM } from '../../platform/bus/streams.js';
import { runExpiryWarnings } from './certificates/expiry-job.js';
import { listCertificates } from './certificates/repository.js';
import { districts } from './districts.js';
import { archiveEntities } from './entities/index.js';
import { applyFiling, filingHistory, levelOf } from './filing/repository.js';
import type { FilingAction } from './filing/workflow.js';
import { problem } from './resource/reasons.js';
import {
  createRecord,
  deleteRecord,
  getRecord,
  InvalidRecordError,
  listRecords,
  StaleVersionError,
  updateRecord,
  WrongStateError,
  type ArchiveRecord,
} from './resource/repository.js';
import { createSchema, listQuerySchema, recordSchema, updateSchema } from './resource/schemas.js';
import type { EntitySpec } from './resource/spec.js';
import { EntityView, specView } from './resource/specs-view.js';
import { validateInput, withScopeDefaults, type Invalid } from './resource/validate.js';
import { fleetByClass, fleetByDistrict, parkingByDistrict } from './stats/repository.js';
import { chinaDay } from './today.js';
import { exportRecords } from './transfer/export.js';
import { importTable, ImportRejectedError, type ImportMode } from './transfer/import.js';
import { readTable, TableError, type TableFormat } from './transfer/tabular.js';

const tags = ['archives'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ArchivesModuleOptions {
  now?: () => Date;
}

function acting(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

function lang(req: FastifyRequest): Lang {
  return langFromAcceptLanguage(req.headers['accept-language']);
}

function invalid(fields: Invalid[], l: Lang): AppError {
  return new AppError('VALIDATION_FAILED', { fields: fields.map((f) => problem(f.field, f.reason, l)) });
}

function warningsOf(spec: EntitySpec, record: Record<string, unknown>, today: string, l: Lang) {
  return (spec.warnings?.(record, today) ?? []).map((w) => problem(w.field, w.reason, l));
}

const Problem = Type.Object({ field: Type.String(), reason: Type.String(), message: Type.String() });
const IdParams = (name: string) => Type.Object({ [name]: Type.String({ format: 'uuid' }) });

export function createArchivesModule(opts: ArchivesModuleOptions = {}): ModulePlugin {
  const now = opts.now ?? (() => new Date());
  return async (app: App, deps: AppDeps) => {
    const { db } = deps;
    scheduleExpiryJob(app, deps, now);
    const importLimit = deps.config.ARCHIVE_IMPORT_MAX_BYTES;
    app.addContentTypeParser(
      ['text/csv', XLSX],
      { parseAs: 'buffer', bodyLimit: importLimit },
      (_req, body, done) => {
        done(null, body);
      },
    );

    for (const { spec, idParam } of archiveEntities) {
      const base = `/api/archives/${spec.path}`;
      const item = `${base}/:${idParam}`;
      const Record = recordSchema(spec);
      const params = IdParams(idParam);
      const idOf = (req: FastifyRequest): string => (req.params as Record<string, string>)[idParam]!;
      const load = async (req: FastifyRequest, actor: Actor): Promise<ArchiveRecord> => {
        const r = await getRecord(db, spec, actor, idOf(req));
        if (!r) throw new AppError('NOT_FOUND');
        return r;
      };

      app.get(
        base,
        {
          config: { permission: 'archives:read' },
          schema: {
            tags,
            summary: `List ${spec.label.en.toLowerCase()} records (${spec.label.zh}列表)`,
            querystring: listQuerySchema(spec),
            response: { 200: Type.Object({ items: Type.Array(Record), total: Type.Integer() }) },
          },
        },
        async (req) => {
          const { q, page, pageSize, certificateExpiresBy, ...filters } = req.query as Record<
            string,
            string | number | undefined
          >;
          return listRecords(db, spec, acting(req).actor, {
            q: q as string | undefined,
            page: page as number | undefined,
            pageSize: pageSize as number | undefined,
            certificateExpiresBy: certificateExpiresBy as string | undefined,
            filters: filters as Record<string, string>,
          });
        },
      );

      app.get(
        item,
        {
          config: { permission: 'archives:read' },
          schema: {
            tags,
            summary: `Read one ${spec.label.en.toLowerCase()} (${spec.label.zh}详情)`,
            params,
            response: { 200: Record },
          },
        },
        async (req) => load(req, acting(req).actor),
      );

      app.post(
        base,
        {
          config: { permission: 'archives:write' },
          schema: {
            tags,
            summary: `Create a ${spec.label.en.toLowerCase()} draft (新建${spec.label.zh})`,
            body: createSchema(spec),
            response: { 201: Type.Object({ record: Record, warnings: Type.Array(Problem) }) },
          },
        },
        async (req, reply) => {
          const ctx = acting(req);
          const l = lang(req);
          const { values, errors } = validateInput(
            spec,
            withScopeDefaults(spec, ctx.actor, req.body as Record<string, unknown>),
            'create',
          );
          if (errors.length > 0) throw invalid(errors, l);
          const record = await db.transaction(async (tx) => {
            const id = await createRecord(tx, spec, ctx.actor, values).catch((err: unknown) => {
              throw err instanceof InvalidRecordError ? invalid(err.fields, l) : err;
            });
            const after = (await getRecord(tx, spec, ctx.actor, id))!;
            await recordAudit(tx, ctx, {
              action: `${spec.type}.create`,
              targetType: spec.type,
              targetId: id,
              after,
            });
            return after;
          });
          return reply.status(201).send({ record, warnings: warningsOf(spec, record, chinaDay(now()), l) });
        },
      );

      app.patch(
        item,
        {
          config: { permission: 'archives:write' },
          schema: {
            tags,
            summary: `Change a ${spec.label.en.toLowerCase()} (修改${spec.label.zh})`,
            params,
            body: updateSchema(spec),
            response: { 200: Type.Object({ record: Record, warnings: Type.Array(Problem) }) },
          },
        },
        async (req) => {
          const ctx = acting(req);
          const l = lang(req);
          const { version, ...changes } = req.body as Record<string, unknown> & { version: number };
          const record = await db.transaction(async (tx) => {
            const before = await getRecord(tx, spec, ctx.actor, idOf(req));
            if (!before) throw new AppError('NOT_FOUND');
            const { values, errors } = validateInput(spec, changes, 'update', before);
            if (errors.length > 0) throw invalid(errors, l);
            await updateRecord(tx, spec, ctx.actor, before, values, version).catch((err: unknown) => {
              if (err instanceof StaleVersionError)
                throw new AppError('ARCHIVE_STALE_VERSION', { version: before.version });
              throw err instanceof InvalidRecordError ? invalid(err.fields, l) : err;
            });
            const after = (await getRecord(tx, spec, ctx.actor, before.id))!;
            await recordAudit(tx, ctx, {
              action: `${spec.type}.update`,
              targetType: spec.type,
              targetId: before.id,
              before,
              after,
            });
            return after;
          });
          return { record, warnings: warningsOf(spec, record, chinaDay(now()), l) };
        },
      );

      app.delete(
        item,
        {
          config: { permission: 'archives:write' },
          schema: {
            tags,
            summary: `Delete a ${spec.label.en.toLowerCase()} draft (删除草稿)`,
            params,
            response: { 204: Type.Null() },
          },
        },
        async (req, reply) => {
          const ctx = acting(req);
          await db.transaction(async (tx) => {
            const before = await getRecord(tx, spec, ctx.actor, idOf(req));
            if (!before) throw new AppError('NOT_FOUND');
            await deleteRecord(tx, spec, before).catch((err: unknown) => {
              throw err instanceof WrongStateError
                ? new AppError('ARCHIVE_DELETE_FILED', { filingStatus: err.state })
                : err;
            });
            await recordAudit(tx, ctx, {
              action: `${spec.type}.delete`,
              targetType: spec.type,
              targetId: before.id,
              before,
            });
          });
          return reply.status(204).send(null);
        },
      );

      const filingRoute = (
        path: 'submit' | 'review',
        permission: 'archives:write' | 'archives:review',
        actions: FilingAction[],
      ) =>
        app.post(
          `${item}/${path}`,
          {
            config: { permission },
            schema: {
              tags,
              summary:
                path === 'submit'
                  ? `Submit a ${spec.label.en.toLowerCase()} for filing (提交备案)`
                  : `Review a ${spec.label.en.toLowerCase()} filing (备案审核)`,
              params,
              body: Type.Object(
                {
                  action: Type.String({ enum: actions }),
                  reason: Type.Optional(Type.String({ maxLength: 500 })),
                },
                { additionalProperties: false },
              ),
              response: { 200: Record },
            },
          },
          async (req) => {
            const ctx = acting(req);
            const { action, reason } = req.body as { action: FilingAction; reason?: string };
            return db.transaction(async (tx) => {
              const before = await getRecord(tx, spec, ctx.actor, idOf(req));
              if (!before) throw new AppError('NOT_FOUND');
              const result = await applyFiling(tx, spec, ctx.actor, before, action, reason);
              if (!result.ok) {
                throw new AppError(
                  result.reason === 'wrong_level'
                    ? 'ARCHIVE_FILING_LEVEL'
                    : result.reason === 'reason_required'
                      ? 'ARCHIVE_FILING_REASON_REQUIRED'
                      : 'ARCHIVE_FILING_STATE',
                  { filingStatus: before.filingStatus, action, level: levelOf(ctx.actor) },
                );
              }
              const after = (await getRecord(tx, spec, ctx.actor, before.id))!;
              await recordAudit(tx, ctx, {
                action: `${spec.type}.filing.${action}`,
                targetType: spec.type,
                targetId: before.id,
                before: { filingStatus: before.filingStatus },
                after: { filingStatus: after.filingStatus, reason: reason ?? null },
              });
              return after;
            });
          },
        );
      filingRoute('submit', 'archives:write', ['submit']);
      filingRoute('review', 'archives:review', ['county_approve', 'approve', 'reject', 'reopen']);

      app.get(
        `${item}/filing-history`,
        {
          config: { permission: 'archives:read' },
          schema: {
            tags,
            summary: `Filing history of a ${spec.label.en.toLowerCase()} (备案记录)`,
            params,
            response: {
              200: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  action: Type.String(),
                  fromStatus: Type.String(),
                  toStatus: Type.String(),
                  reason: Type.Union([Type.String(), Type.Null()]),
                  actorId: Type.Union([Type.String(), Type.Null()]),
                  actorRole: Type.Union([Type.String(), Type.Null()]),
                  at: Type.String(),
                }),
              ),
            },
          },
        },
        async (req) => {
          const r = await load(req, acting(req).actor);
          return filingHistory(db, spec.type, r.id);
        },
      );

      app.post(
        `${base}/import`,
        {
          config: { permission: 'archives:write' },
          schema: {
            tags,
            summary: `Import ${spec.label.en.toLowerCase()} records from xlsx or CSV (批量导入)`,
            description: `Send the file as the body with Content-Type ${XLSX} or text/csv.`,
            querystring: Type.Object(
              {
                mode: Type.Optional(
                  Type.String({ enum: ['all_or_nothing', 'valid_rows'], default: 'all_or_nothing' }),
                ),
              },
              { additionalProperties: false },
            ),
          },
        },
        async (req, reply) => importRoute(req, reply, spec),
      );

      app.get(
        `${base}/export`,
        {
          config: { permission: 'archives:read' },
          schema: {
            tags,
            summary: `Export the filtered ${spec.label.en.toLowerCase()} list (导出)`,
            querystring: listQuerySchema(spec, {
              format: Type.Optional(Type.String({ enum: ['xlsx', 'csv'], default: 'xlsx' })),
            }),
          },
        },
        async (req, reply) => {
          const ctx = acting(req);
          const {
            format,
            q,
            page: _p,
            pageSize: _s,
            certificateExpiresBy,
            ...filters
          } = req.query as Record<string, string | undefined>;
          const fmt = (format ?? 'xlsx') as TableFormat;
          const out = await exportRecords(
            db,
            spec,
            ctx.actor,
            { q, certificateExpiresBy, filters: filters as Record<string, string> },
            fmt,
            lang(req),
          );
          const name = `${spec.path}-${chinaDay(now())}.${fmt}`;
          return reply
            .header('content-type', fmt === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
            .header('content-disposition', `attachment; filename="${name}"`)
            .header('x-row-count', String(out.rows))
            .send(out.data);
        },
      );
    }

    async function importRoute(req: FastifyRequest, reply: FastifyReply, spec: EntitySpec) {
      const ctx = acting(req);
      const l = lang(req);
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (!Buffer.isBuffer(req.body))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: [XLSX, 'text/csv'] });
      const format: TableFormat = type === 'text/csv' ? 'csv' : 'xlsx';
      const mode = ((req.query as { mode?: string }).mode ?? 'all_or_nothing') as ImportMode;
      const table = await readTable(req.body, format).catch((err: unknown) => {
        throw err instanceof TableError
          ? new AppError('ARCHIVE_SPREADSHEET_UNREADABLE', { reason: err.reason })
          : err;
      });
      const present = (report: {
        rows: number;
        imported: number;
        problems: { row: number; column: string; field: string; reason: string }[];
      }) => ({
        rows: report.rows,
        imported: report.imported,
        problems: report.problems.map((p) => ({
          row: p.row,
          column: p.column,
          ...problem(p.field, p.reason, l),
        })),
      });
      try {
        const report = await db.transaction((tx) =>
          importTable(tx, spec, ctx.actor, table, mode, async (id, values) => {
            await recordAudit(tx, ctx, {
              action: `${spec.type}.import`,
              targetType: spec.type,
              targetId: id,
              after: values,
            });
          }),
        );
        return reply.status(200).send(present(report));
      } catch (err) {
        if (err instanceof ImportRejectedError)
          throw new AppError('ARCHIVE_IMPORT_REJECTED', present(err.report));
        throw err;
      }
    }

    app.get(
      '/api/archives/review-queue',
      {
        config: { permission: 'archives:review' },
        schema: {
          tags,
          summary: 'Records awaiting this level’s filing review (待审核备案)',
          response: {
            200: Type.Array(
              Type.Object({
                type: Type.String(),
                id: Type.String(),
                name: Type.String(),
                filingStatus: Type.String(),
                enterpriseId: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          },
        },
      },
      async (req) => {
        const { actor } = acting(req);
        const awaiting = levelOf(actor) === 'city' ? ['submitted', 'county_approved'] : ['submitted'];
        const out: {
          type: string;
          id: string;
          name: string;
          filingStatus: string;
          enterpriseId: string | null;
        }[] = [];
        for (const { spec } of archiveEntities) {
          for (const status of awaiting) {
            const { items } = await listRecords(db, spec, actor, {
              filters: { filingStatus: status },
              pageSize: 500,
            });
            for (const r of items) {
              out.push({
                type: spec.type,
                id: r.id,
                name: String(r.name ?? r.plate ?? r.phone ?? r.id),
                filingStatus: r.filingStatus,
                enterpriseId:
                  (r.enterpriseId as string | undefined) ?? (spec.type === 'enterprise' ? r.id : null),
              });
            }
          }
        }
        return out;
      },
    );

    app.get(
      '/api/archives/certificates',
      {
        config: { permission: 'archives:read' },
        schema: {
          tags,
          summary: 'Certificates with expiry state, soonest first (证照到期)',
          querystring: Type.Object(
            {
              withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
              kind: Type.Optional(Type.String({ maxLength: 40 })),
              holderType: Type.Optional(Type.String({ enum: ['enterprise', 'vehicle', 'tank', 'person'] })),
              enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
              page: Type.Optional(Type.Integer({ minimum: 1 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) =>
        listCertificates(db, acting(req).actor, { ...(req.query as object), today: chinaDay(now()) }),
    );

    app.get(
      '/api/archives/specs',
      {
        config: { permission: 'archives:read' },
        schema: {
          tags,
          summary: 'Field specs of every archive entity, for forms and tables (档案字段说明)',
          response: { 200: Type.Array(EntityView) },
        },
      },
      async () => archiveEntities.map(({ spec }) => specView(spec)),
    );

    app.get(
      '/api/archives/districts',
      {
        config: { permission: 'archives:read' },
        schema: {
          tags,
          summary: 'The city’s districts (县区)',
          response: {
            200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() })),
          },
        },
      },
      async () => districts.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn })),
    );

    const statRoute = <T>(path: string, summary: string, fn: (actor: Actor) => Promise<T>) =>
      app.get(
        `/api/archives/stats/${path}`,
        { config: { permission: 'archives:read' }, schema: { tags, summary } },
        async (req) => fn(acting(req).actor),
      );
    statRoute('fleet-by-district', 'Enterprises and vehicles by district (企业及车辆数量统计表)', (a) =>
      fleetByDistrict(db, a),
    );
    statRoute('parking-by-district', 'Parking lots by district (停车场统计表)', (a) =>
      parkingByDistrict(db, a),
    );
    statRoute('fleet-by-class', 'Enterprises and vehicles by transport class (运输类别统计表)', (a) =>
      fleetByClass(db, a),
    );
  };
}

/**
 * Runs the certificate-expiry job once the server is ready and then every
 * ARCHIVE_EXPIRY_CHECK_MINUTES; a run still going when the server closes is awaited.
 */
const EXPIRY_FIRST_RUN_DELAY_MS = 5_000;

function scheduleExpiryJob(app: App, deps: AppDeps, now: () => Date): void {
  const minutes = deps.config.ARCHIVE_EXPIRY_CHECK_MINUTES;
  if (minutes === 0) return;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    running = running.then(async () => {
      try {
        await deps.bus.ensureStream(EVENTS_STREAM);
        const sent = await runExpiryWarnings(deps.db, deps.bus, chinaDay(now()));
        if (sent.length > 0)
          deps.logger.info({ cat: 'jobs', warnings: sent.length }, 'certificate expiry warnings sent');
      } catch (err) {
        deps.logger.error({ cat: 'jobs', err }, 'certificate expiry job failed');
      }
    });
  };
  // The first run waits a moment after start-up: on a fresh demo archive it writes thousands of
  // warnings, and on PGlite (one connection) that would hold back the other modules' start and
  // the HTTP listener behind it.
  let first: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    first = setTimeout(run, EXPIRY_FIRST_RUN_DELAY_MS);
    first.unref();
    timer = setInterval(run, minutes * 60_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}

export const archivesModule = createArchivesModule();
