/**
 * Geofences and ban windows: scoped reads, checked and audited writes. A row with no district is
 * city-wide: every reader sees it, only the city changes it. A county regulator sees and changes
 * the rows of its own district; a company sees the city-wide rows and the bans aimed at it.
 * Every change calls `onChange` after its transaction, so the rule engine reloads at once.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { recordAudit, type RequestContext } from '../accounts/audit.js';
import {
  checkBan,
  checkGeofence,
  type BanFields,
  type BanRow,
  type FieldProblem,
  type GeofenceFields,
  type GeofenceRow,
  type ShapeInput,
} from './zones.js';

type Acting = RequestContext & { actor: Actor };

export interface GeofenceInput extends GeofenceFields {
  districtCode?: string | null;
  priority?: number;
  active?: boolean;
  remarks?: string | null;
}

export interface BanInput extends BanFields {
  districtCode?: string | null;
  enterpriseId?: string | null;
  basis?: string | null;
  active?: boolean;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentGeofence(r: GeofenceRow) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    districtCode: r.district_code,
    shape: r.shape,
    roadClass: r.road_class,
    postedLimitKmh: r.posted_limit_kmh,
    priority: r.priority,
    goodsClasses: r.goods_classes,
    active: r.active,
    remarks: r.remarks,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function presentBan(r: BanRow) {
  return {
    id: r.id,
    name: r.name,
    districtCode: r.district_code,
    zoneIds: r.zone_ids,
    goodsClasses: r.goods_classes,
    periods: r.periods,
    daily: r.daily,
    weekdays: r.weekdays,
    enterpriseId: r.enterprise_id,
    basis: r.basis,
    active: r.active,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(problems: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', { fields: problems });
}

/** Rows the actor may read: city-wide ones (and, for bans, not aimed at a company), and its scope's. */
function readable(actor: Actor, params: unknown[], withEnterprise: boolean): string {
  const own = scopeWhere(
    actor,
    withEnterprise
      ? { districtColumn: 'district_code', enterpriseColumn: 'enterprise_id' }
      : { districtColumn: 'district_code' },
    params,
  );
  const cityWide = withEnterprise
    ? '(district_code IS NULL AND enterprise_id IS NULL)'
    : 'district_code IS NULL';
  return `(${cityWide} OR ${own})`;
}

/** Rows the actor may change: the city any; a county those of its district (not city-wide ones). */
function writable(actor: Actor, params: unknown[]): string {
  return scopeWhere(actor, { districtColumn: 'district_code' }, params);
}

/** The district a new or changed row gets: a county's own; the city's choice (null = city-wide). */
function districtFor(actor: Actor, requested: string | null | undefined): string | null {
  const s = actor.scope;
  if (s.kind === 'city') return requested ?? null;
  if (s.kind === 'district') {
    if (requested !== undefined && requested !== s.districtCode) throw new AppError('FORBIDDEN');
    return s.districtCode;
  }
  throw new AppError('FORBIDDEN');
}

/** What the generic audited writes need to know of a table. */
interface RowKind<R> {
  name: 'geofence' | 'ban';
  table: 'geofences' | 'ban_windows';
  load: (
    this: ZoneService,
    q: Queryable,
    actor: Actor,
    id: string,
    forWrite: boolean,
  ) => Promise<R | undefined>;
  present: (r: R) => unknown;
}

const GEOFENCE: RowKind<GeofenceRow> = {
  name: 'geofence',
  table: 'geofences',
  load(q, actor, id, forWrite) {
    return this.getGeofence(q, actor, id, forWrite);
  },
  present: presentGeofence,
};

const BAN: RowKind<BanRow> = {
  name: 'ban',
  table: 'ban_windows',
  load(q, actor, id, forWrite) {
    return this.getBan(q, actor, id, forWrite);
  },
  present: presentBan,
};

export class ZoneService {
  constructor(
    private readonly db: Db,
    private readonly onChange: () => Promise<unknown>,
  ) {}

  private async changed(): Promise<void> {
    await this.onChange();
  }

  /** One audited write in its own transaction, then the engine reload. */
  private async audited<T>(
    ctx: Acting,
    name: RowKind<unknown>['name'],
    verb: 'create' | 'update' | 'delete',
    id: string,
    write: (tx: Queryable) => Promise<{ result: T; before?: unknown; after?: unknown }>,
  ): Promise<T> {
    const result = await this.db.transaction(async (tx) => {
      const w = await write(tx);
      await recordAudit(tx, ctx, {
        action: `${name}.${verb}`,
        targetType: name,
        targetId: id,
        ...(w.before === undefined ? {} : { before: w.before }),
        ...(w.after === undefined ? {} : { after: w.after }),
      });
      return w.result;
    });
    await this.changed();
    return result;
  }

  /** Load the row for writing (404 outside the actor's writable scope), check the version, change it. */
  private versioned<R extends { version: number }>(
    ctx: Acting,
    kind: RowKind<R>,
    id: string,
    version: number,
    change: (tx: Queryable, before: R) => Promise<R>,
  ): Promise<R> {
    return this.audited(ctx, kind.name, 'update', id, async (tx) => {
      const before = await kind.load.call(this, tx, ctx.actor, id, true);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.version !== version) throw new AppError('CONFLICT', { version: before.version });
      const after = await change(tx, before);
      return { result: after, before: kind.present(before), after: kind.present(after) };
    });
  }

  /** Load the row for writing (404 outside the actor's writable scope), check it may go, delete it. */
  private remove<R>(
    ctx: Acting,
    kind: RowKind<R>,
    id: string,
    mayGo: (tx: Queryable) => Promise<void> = async () => undefined,
  ): Promise<void> {
    return this.audited(ctx, kind.name, 'delete', id, async (tx) => {
      const before = await kind.load.call(this, tx, ctx.actor, id, true);
      if (!before) throw new AppError('NOT_FOUND');
      await mayGo(tx);
      await tx.query(`DELETE FROM ${kind.table} WHERE id = $1`, [id]);
      return { result: undefined, before: kind.present(before) };
    });
  }

  // --- geofences -------------------------------------------------------------------------

  async listGeofences(actor: Actor, kind?: string): Promise<GeofenceRow[]> {
    const params: unknown[] = [];
    let sql = `SELECT * FROM geofences WHERE ${readable(actor, params, false)}`;
    if (kind) {
      params.push(kind);
      sql += ` AND kind = $${params.length}`;
    }
    return (await this.db.query<GeofenceRow>(`${sql} ORDER BY kind, name, id`, params)).rows;
  }

  async getGeofence(
    q: Queryable,
    actor: Actor,
    id: string,
    forWrite = false,
  ): Promise<GeofenceRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const params: unknown[] = [id];
    const where = forWrite ? writable(actor, params) : readable(actor, params, false);
    const lock = forWrite ? ' FOR UPDATE' : '';
    return (await q.query<GeofenceRow>(`SELECT * FROM geofences WHERE id = $1 AND ${where}${lock}`, params))
      .rows[0];
  }

  async createGeofence(ctx: Acting, input: GeofenceInput): Promise<GeofenceRow> {
    const district = districtFor(ctx.actor, input.districtCode);
    const problems = checkGeofence(input);
    if (problems.length > 0) throw invalid(problems);
    const id = randomUUID();
    return this.audited(ctx, 'geofence', 'create', id, async (tx) => {
      const { rows } = await tx.query<GeofenceRow>(
        `INSERT INTO geofences (id, kind, name, district_code, shape, road_class, posted_limit_kmh, priority,
           goods_classes, active, remarks, created_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          id,
          input.kind,
          input.name,
          district,
          JSON.stringify(input.shape),
          input.roadClass ?? null,
          input.postedLimitKmh ?? null,
          input.priority ?? 0,
          input.goodsClasses ?? null,
          input.active ?? true,
          input.remarks ?? null,
          UUID.test(ctx.actor.id) ? ctx.actor.id : null,
        ],
      );
      const after = rows[0]!;
      return { result: after, after: presentGeofence(after) };
    });
  }

  async updateGeofence(
    ctx: Acting,
    id: string,
    changes: Partial<GeofenceInput> & { version: number },
  ): Promise<GeofenceRow> {
    return this.versioned(ctx, GEOFENCE, id, changes.version, async (tx, before) => {
      const district =
        changes.districtCode === undefined
          ? before.district_code
          : districtFor(ctx.actor, changes.districtCode);
      const merged: GeofenceInput = {
        kind: changes.kind ?? before.kind,
        name: changes.name ?? before.name,
        shape: (changes.shape ?? before.shape) as ShapeInput,
        roadClass: changes.roadClass === undefined ? before.road_class : changes.roadClass,
        postedLimitKmh:
          changes.postedLimitKmh === undefined ? before.posted_limit_kmh : changes.postedLimitKmh,
        goodsClasses: changes.goodsClasses === undefined ? before.goods_classes : changes.goodsClasses,
      };
      const problems = checkGeofence(merged);
      if (problems.length > 0) throw invalid(problems);
      if (merged.kind !== before.kind) await this.assertUnused(tx, id);
      const { rows } = await tx.query<GeofenceRow>(
        `UPDATE geofences SET kind = $2, name = $3, district_code = $4, shape = $5::jsonb, road_class = $6,
           posted_limit_kmh = $7, priority = $8, goods_classes = $9, active = $10, remarks = $11,
           version = version + 1
         WHERE id = $1 RETURNING *`,
        [
          id,
          merged.kind,
          merged.name,
          district,
          JSON.stringify(merged.shape),
          merged.roadClass ?? null,
          merged.postedLimitKmh ?? null,
          changes.priority ?? before.priority,
          merged.goodsClasses ?? null,
          changes.active ?? before.active,
          changes.remarks === undefined ? before.remarks : changes.remarks,
        ],
      );
      return rows[0]!;
    });
  }

  async deleteGeofence(ctx: Acting, id: string): Promise<void> {
    await this.remove(ctx, GEOFENCE, id, (tx) => this.assertUnused(tx, id));
  }

  private async assertUnused(q: Queryable, zoneId: string): Promise<void> {
    const { rows } = await q.query<{ id: string; name: string }>(
      'SELECT id, name FROM ban_windows WHERE $1 = ANY(zone_ids) ORDER BY name',
      [zoneId],
    );
    if (rows.length > 0) throw new AppError('RULES_ZONE_IN_USE', { bans: rows.map((r) => r.id) });
  }

  // --- ban windows -----------------------------------------------------------------------

  async listBans(actor: Actor): Promise<BanRow[]> {
    const params: unknown[] = [];
    return (
      await this.db.query<BanRow>(
        `SELECT * FROM ban_windows WHERE ${readable(actor, params, true)} ORDER BY name, id`,
        params,
      )
    ).rows;
  }

  async getBan(q: Queryable, actor: Actor, id: string, forWrite = false): Promise<BanRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const params: unknown[] = [id];
    const where = forWrite ? writable(actor, params) : readable(actor, params, true);
    const lock = forWrite ? ' FOR UPDATE' : '';
    return (await q.query<BanRow>(`SELECT * FROM ban_windows WHERE id = $1 AND ${where}${lock}`, params))
      .rows[0];
  }

  /** Zones must be ban or restricted zones the actor may use: city-wide or of the ban's district. */
  private async checkZonesAndEnterprise(
    q: Queryable,
    district: string | null,
    b: BanFields & { enterpriseId?: string | null },
  ): Promise<FieldProblem[]> {
    const out: FieldProblem[] = [];
    const ids = b.zoneIds.filter((z) => UUID.test(z));
    const { rows } = await q.query<{ id: string; kind: string; district_code: string | null }>(
      'SELECT id, kind, district_code FROM geofences WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const z of b.zoneIds) {
      const r = byId.get(z);
      if (!r || (r.district_code !== null && r.district_code !== district))
        out.push({ field: 'zoneIds', reason: `no such zone in the ban's district: ${z}` });
      else if (r.kind !== 'ban_zone' && r.kind !== 'restricted_zone')
        out.push({ field: 'zoneIds', reason: `not a ban or restricted zone: ${z}` });
    }
    if (b.enterpriseId) {
      const params: unknown[] = [b.enterpriseId];
      const cond = district === null ? '' : ` AND district_code = $2`;
      if (district !== null) params.push(district);
      const e = UUID.test(b.enterpriseId)
        ? (await q.query(`SELECT 1 FROM enterprises WHERE id = $1${cond}`, params)).rows
        : [];
      if (e.length === 0)
        out.push({ field: 'enterpriseId', reason: 'no such enterprise in the ban’s district' });
    }
    return out;
  }

  async createBan(ctx: Acting, input: BanInput): Promise<BanRow> {
    const district = districtFor(ctx.actor, input.districtCode);
    const problems = checkBan(input);
    if (problems.length > 0) throw invalid(problems);
    const id = randomUUID();
    return this.audited(ctx, 'ban', 'create', id, async (tx) => {
      const more = await this.checkZonesAndEnterprise(tx, district, input);
      if (more.length > 0) throw invalid(more);
      const { rows } = await tx.query<BanRow>(
        `INSERT INTO ban_windows (id, name, district_code, zone_ids, goods_classes, periods, daily, weekdays,
           enterprise_id, basis, active, created_by)
         VALUES ($1, $2, $3, $4::uuid[], $5, $6::jsonb, $7::jsonb, $8::smallint[], $9, $10, $11, $12) RETURNING *`,
        [
          id,
          input.name,
          district,
          input.zoneIds,
          input.goodsClasses ?? null,
          JSON.stringify(input.periods ?? []),
          JSON.stringify(input.daily ?? []),
          input.weekdays ?? null,
          input.enterpriseId ?? null,
          input.basis ?? null,
          input.active ?? true,
          UUID.test(ctx.actor.id) ? ctx.actor.id : null,
        ],
      );
      const after = rows[0]!;
      return { result: after, after: presentBan(after) };
    });
  }

  async updateBan(
    ctx: Acting,
    id: string,
    changes: Partial<BanInput> & { version: number },
  ): Promise<BanRow> {
    return this.versioned(ctx, BAN, id, changes.version, async (tx, before) => {
      const district =
        changes.districtCode === undefined
          ? before.district_code
          : districtFor(ctx.actor, changes.districtCode);
      const merged: BanInput = {
        name: changes.name ?? before.name,
        zoneIds: changes.zoneIds ?? before.zone_ids,
        goodsClasses: changes.goodsClasses === undefined ? before.goods_classes : changes.goodsClasses,
        periods: changes.periods ?? before.periods,
        daily: changes.daily ?? before.daily,
        weekdays: changes.weekdays === undefined ? before.weekdays : changes.weekdays,
        enterpriseId: changes.enterpriseId === undefined ? before.enterprise_id : changes.enterpriseId,
        basis: changes.basis === undefined ? before.basis : changes.basis,
        active: changes.active ?? before.active,
      };
      const problems = [...checkBan(merged), ...(await this.checkZonesAndEnterprise(tx, district, merged))];
      if (problems.length > 0) throw invalid(problems);
      const { rows } = await tx.query<BanRow>(
        `UPDATE ban_windows SET name = $2, district_code = $3, zone_ids = $4::uuid[], goods_classes = $5,
           periods = $6::jsonb, daily = $7::jsonb, weekdays = $8::smallint[], enterprise_id = $9, basis = $10,
           active = $11, version = version + 1
         WHERE id = $1 RETURNING *`,
        [
          id,
          merged.name,
          district,
          merged.zoneIds,
          merged.goodsClasses ?? null,
          JSON.stringify(merged.periods),
          JSON.stringify(merged.daily),
          merged.weekdays ?? null,
          merged.enterpriseId ?? null,
          merged.basis ?? null,
          merged.active,
        ],
      );
      return rows[0]!;
    });
  }

  async deleteBan(ctx: Acting, id: string): Promise<void> {
    await this.remove(ctx, BAN, id);
  }
}
