/**
 * Rule thresholds set by regulators (规则阈值): the city's layer for every vehicle, and overrides
 * per enterprise and per vehicle (`rule_params`). A vehicle's parameters are the defaults from the
 * regulations ← the city's ← its enterprise's ← its own (`resolveParams`).
 *
 * Who: everyone with `archives:read` reads the city's layer and the layers of the enterprises and
 * vehicles in their scope; with `rules:write` the city changes every layer, a county those of the
 * enterprises of its district and their vehicles. Companies read what applies to them and change
 * nothing: the thresholds are the regulator's. Every change is checked (each key within its
 * bounds, the result as a whole), audited, and read into the rule engine at once (`onChange`).
 */
import { AppError, FieldsInvalidError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import {
  checkResolved,
  defaultRuleParams,
  type ParamProblemCode,
  resolveParams,
  ruleParamBounds,
  usableOverrides,
  validateOverrides,
  type RuleParamOverrides,
  type RuleParams,
} from '../../rules/params.js';
import { recordAudit, type RequestContext } from '../accounts/audit.js';

type Acting = RequestContext & { actor: Actor };

/** One refused part of a threshold change: its field, a stable reason, the text in both languages. */
export interface ParamFieldProblem {
  field: string;
  reason: ParamProblemCode | 'trailer';
  zh: string;
  en: string;
}

/** A threshold change refused as invalid (sent as VALIDATION_FAILED in the caller's language). */
export class ParamInvalidError extends FieldsInvalidError {
  constructor(readonly problems: ParamFieldProblem[]) {
    super(problems, 'invalid rule thresholds');
    this.name = 'ParamInvalidError';
  }
}

/** At most this many other layers are named when a change would break theirs. */
const MAX_NAMED = 10;

export type ParamScope = 'city' | 'enterprise' | 'vehicle';

export interface ParamLayerRow {
  scope_type: ParamScope;
  scope_id: string | null;
  overrides: RuleParamOverrides;
  basis: string | null;
  version: number;
  updated_at: Date | string;
  /** The enterprise's name or the vehicle's plate (null for the city). */
  name: string | null;
  /** A vehicle layer's enterprise and its name (null for the other scopes). */
  vehicle_enterprise_id: string | null;
  vehicle_enterprise_name: string | null;
}

export interface ParamLayer {
  scope: ParamScope;
  id: string | null;
  name: string | null;
  /** A vehicle layer's enterprise (null for the city's and the enterprises' layers). */
  enterpriseName: string | null;
  overrides: RuleParamOverrides;
  basis: string | null;
  version: number;
  updatedAt: string;
}

export interface ParamLayerInput {
  overrides: Record<string, unknown>;
  basis?: string | null;
  /** The version last read (0: none yet); absent, the layer is written whatever it holds. */
  version?: number;
}

export function presentLayer(r: ParamLayerRow): ParamLayer {
  return {
    scope: r.scope_type,
    id: r.scope_id,
    name: r.name,
    enterpriseName: r.vehicle_enterprise_name,
    overrides: r.overrides,
    basis: r.basis,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The layers in rule order (city, enterprise, vehicle) and which one set each parameter. */
export function effectiveParams(layers: readonly ParamLayer[]): {
  params: RuleParams;
  sources: Record<keyof RuleParams, ParamScope | 'default'>;
} {
  const order: ParamScope[] = ['city', 'enterprise', 'vehicle'];
  const sorted = [...layers].sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope));
  const sources = Object.fromEntries(Object.keys(defaultRuleParams).map((k) => [k, 'default'])) as Record<
    keyof RuleParams,
    ParamScope | 'default'
  >;
  const usable = sorted.map((l) => ({ scope: l.scope, overrides: usableOverrides(l.overrides) }));
  for (const l of usable) for (const k of Object.keys(l.overrides)) sources[k as keyof RuleParams] = l.scope;
  return { params: resolveParams(...usable.map((l) => l.overrides)), sources };
}

/** A layer with nothing but its scope and overrides set (for checking a layer not stored yet). */
function layerStub(scope: ParamScope): ParamLayer {
  return {
    scope,
    id: null,
    name: null,
    enterpriseName: null,
    overrides: {},
    basis: null,
    version: 0,
    updatedAt: '',
  };
}

/** Layers in the order the rules stack them. */
const LAYER_ORDER = "array_position(ARRAY['city', 'enterprise', 'vehicle'], p.scope_type)";

/**
 * Threshold changes one at a time (a transaction-scoped advisory lock, per schema). Each change is
 * checked against the stacks it reaches as they are stored; two changes checked side by side would
 * each pass against the other's old layer: a city night ending at 05:00 and a company's night
 * starting at 05:00, each fine alone, together leave that company no night.
 */
const SERIALISE_CHANGES = `SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':rule_params', 0))`;

const SELECT = `SELECT p.scope_type, p.scope_id, p.overrides, p.basis, p.version, p.updated_at,
       CASE p.scope_type WHEN 'vehicle' THEN v.plate ELSE e.name END AS name,
       v.enterprise_id AS vehicle_enterprise_id,
       CASE p.scope_type WHEN 'vehicle' THEN e.name END AS vehicle_enterprise_name
  FROM rule_params p
  LEFT JOIN vehicles v ON p.scope_type = 'vehicle' AND v.id = p.scope_id
  LEFT JOIN enterprises e ON e.id = CASE WHEN p.scope_type = 'enterprise' THEN p.scope_id ELSE v.enterprise_id END`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The enterprise or vehicle a layer belongs to, within the actor's scope. */
interface Target {
  scope: ParamScope;
  id: string | null;
  enterpriseId: string | null;
  name: string | null;
  trailer: boolean;
}

export class RuleParamService {
  constructor(
    private readonly db: Db,
    private readonly onChange: () => Promise<unknown>,
  ) {}

  /** The defaults, each key's bounds, and the layers the actor may read (the city's first). */
  async list(actor: Actor): Promise<{
    defaults: RuleParams;
    bounds: Record<string, [number, number]>;
    layers: ParamLayer[];
  }> {
    const params: unknown[] = [];
    const own = scopeWhere(actor, { districtColumn: 'e.district_code', enterpriseColumn: 'e.id' }, params);
    const { rows } = await this.db.query<ParamLayerRow>(
      `${SELECT} WHERE p.scope_type = 'city' OR ${own}
        ORDER BY ${LAYER_ORDER}, name, p.scope_id`,
      params,
    );
    const bounds = Object.fromEntries(
      Object.entries(ruleParamBounds).map(([k, [min, max]]) => [k, [min, max] as [number, number]]),
    );
    return { defaults: { ...defaultRuleParams }, bounds, layers: rows.map(presentLayer) };
  }

  /** One vehicle's parameters as the engine uses them, with the layers that set them. */
  async effective(
    actor: Actor,
    vehicleId: string,
  ): Promise<{
    vehicleId: string;
    plate: string;
    enterpriseId: string;
    params: RuleParams;
    sources: Record<keyof RuleParams, ParamScope | 'default'>;
    layers: ParamLayer[];
  }> {
    const target = await this.target(this.db, actor, 'vehicle', vehicleId, false);
    const layers = await this.stackedFor(this.db, target);
    return {
      vehicleId,
      plate: target.name!,
      enterpriseId: target.enterpriseId!,
      ...effectiveParams(layers),
      layers,
    };
  }

  /** Replaces a layer's overrides (checked, audited); returns the layer as stored. */
  async set(ctx: Acting, scope: ParamScope, id: string | null, input: ParamLayerInput): Promise<ParamLayer> {
    const problems = validateOverrides(input.overrides).map((p): ParamFieldProblem => ({
      field: `overrides.${p.key}`,
      reason: p.code,
      zh: p.zh,
      en: p.problem,
    }));
    if (problems.length > 0) throw new ParamInvalidError(problems);
    const overrides = input.overrides as RuleParamOverrides;
    const layer = await this.db.transaction(async (tx) => {
      await tx.query(SERIALISE_CHANGES);
      const target = await this.target(tx, ctx.actor, scope, id, true);
      if (target.trailer)
        throw new ParamInvalidError([
          {
            field: 'vehicleId',
            reason: 'trailer',
            zh: '挂车不上报位置，请设置其牵引车',
            en: 'a trailer reports no positions: set its tractor instead',
          },
        ]);
      const before = await this.layerOf(tx, scope, id, true);
      if (input.version !== undefined && input.version !== (before?.version ?? 0))
        throw new AppError('CONFLICT', { version: before?.version ?? 0 });
      await this.checkStacks(tx, target, overrides);
      const basis = input.basis ?? null;
      if (before) {
        await tx.query(
          `UPDATE rule_params SET overrides = $3::jsonb, basis = $4, version = version + 1, updated_at = now()
            WHERE scope_type = $1 AND scope_id IS NOT DISTINCT FROM $2::uuid`,
          [scope, id, JSON.stringify(overrides), basis],
        );
      } else {
        // Another request may have created the layer since the read: then this one is stale.
        await tx
          .query(
            `INSERT INTO rule_params (scope_type, scope_id, overrides, basis) VALUES ($1, $2::uuid, $3::jsonb, $4)`,
            [scope, id, JSON.stringify(overrides), basis],
          )
          .catch((err: unknown) => {
            if ((err as { code?: string }).code === '23505') throw new AppError('CONFLICT', { version: 1 });
            throw err;
          });
      }
      const after = (await this.layerOf(tx, scope, id, false))!;
      await recordAudit(tx, ctx, {
        action: before ? 'rule_params.update' : 'rule_params.create',
        targetType: 'rule_params',
        targetId: `${scope}:${id ?? 'city'}`,
        ...(before ? { before } : {}),
        after,
      });
      return after;
    });
    await this.onChange();
    return layer;
  }

  /** Removes a layer (its enterprise or vehicle then follows the layers above it); audited. */
  async clear(ctx: Acting, scope: ParamScope, id: string | null): Promise<void> {
    const removed = await this.db.transaction(async (tx) => {
      await tx.query(SERIALISE_CHANGES);
      const target = await this.target(tx, ctx.actor, scope, id, true);
      const before = await this.layerOf(tx, scope, id, true);
      if (!before) return false;
      await this.checkStacks(tx, target, null);
      await tx.query(
        `DELETE FROM rule_params WHERE scope_type = $1 AND scope_id IS NOT DISTINCT FROM $2::uuid`,
        [scope, id],
      );
      await recordAudit(tx, ctx, {
        action: 'rule_params.delete',
        targetType: 'rule_params',
        targetId: `${scope}:${id ?? 'city'}`,
        before,
      });
      return true;
    });
    if (removed) await this.onChange();
  }

  private async layerOf(
    q: Queryable,
    scope: ParamScope,
    id: string | null,
    forUpdate: boolean,
  ): Promise<ParamLayer | undefined> {
    const { rows } = await q.query<ParamLayerRow>(
      `${SELECT} WHERE p.scope_type = $1 AND p.scope_id IS NOT DISTINCT FROM $2::uuid${forUpdate ? ' FOR UPDATE OF p' : ''}`,
      [scope, id],
    );
    return rows[0] ? presentLayer(rows[0]) : undefined;
  }

  /**
   * Every stack of layers the change reaches, with the change made (`overrides`, or null when the
   * layer is cleared), must make sense as a whole: the target's own, and for the city's layer
   * every enterprise's and vehicle's stack, for an enterprise's layer its vehicles'. A city night
   * that a company's layer would turn empty is refused, naming the company, before it reaches the
   * rules (which would count no night hours there).
   */
  private async checkStacks(q: Queryable, t: Target, overrides: RuleParamOverrides | null): Promise<void> {
    const rows =
      t.scope === 'city'
        ? (await q.query<ParamLayerRow>(`${SELECT} ORDER BY ${LAYER_ORDER}, name, p.scope_id`)).rows
        : t.scope === 'enterprise'
          ? (
              await q.query<ParamLayerRow>(
                `${SELECT} WHERE p.scope_type = 'city'
                    OR (p.scope_type = 'enterprise' AND p.scope_id = $1::uuid)
                    OR (p.scope_type = 'vehicle' AND v.enterprise_id = $1::uuid)
                  ORDER BY ${LAYER_ORDER}, name, p.scope_id`,
                [t.enterpriseId],
              )
            ).rows
          : await this.stackedRows(q, t);
    const others = rows.filter((r) => !(r.scope_type === t.scope && r.scope_id === t.id));
    const changed = overrides ? { ...layerStub(t.scope), id: t.id, name: t.name, overrides } : undefined;
    // Each stored layer presented once, found by scope and id (a city change reads them all).
    const layers = new Map(others.map((r) => [`${r.scope_type}:${r.scope_id}`, presentLayer(r)]));
    const stored = (scope: ParamScope, id: string | null) => layers.get(`${scope}:${id}`);
    const city = t.scope === 'city' ? changed : stored('city', null);
    const enterprise = (id: string | null) =>
      t.scope === 'enterprise' && id === t.enterpriseId ? changed : stored('enterprise', id);
    const stack = (...ls: (ParamLayer | undefined)[]) => ls.filter((l): l is ParamLayer => l !== undefined);
    const own =
      t.scope === 'city'
        ? stack(changed)
        : t.scope === 'enterprise'
          ? stack(city, changed)
          : stack(city, enterprise(t.enterpriseId), changed);
    // The layers below the target: every other one for the city's, its vehicles' for an enterprise's.
    const below = t.scope === 'vehicle' ? [] : others.filter((r) => r.scope_type !== 'city');
    const stackOf = (r: ParamLayerRow) =>
      r.scope_type === 'enterprise'
        ? stack(city, stored('enterprise', r.scope_id))
        : stack(city, enterprise(r.vehicle_enterprise_id), stored('vehicle', r.scope_id));
    // A refusal sits on the night key the written layer sets, if it sets one.
    const fieldOf = (key: string) =>
      `overrides.${
        overrides && !(key in overrides)
          ? (['nightEndMinute', 'nightStartMinute'].find((k) => k in overrides) ?? key)
          : key
      }`;
    const problems = checkResolved(effectiveParams(own).params).map((p): ParamFieldProblem => ({
      field: fieldOf(p.key),
      reason: p.code,
      zh: overrides ? p.zh : `清除后，${p.zh}`,
      en: overrides ? p.problem : `once cleared, ${p.problem}`,
    }));
    let broken = 0;
    for (const r of below) {
      const found = checkResolved(effectiveParams(stackOf(r)).params);
      if (found.length === 0) continue;
      if (++broken > MAX_NAMED) continue;
      const name = r.name ?? r.scope_id ?? '';
      for (const p of found)
        problems.push({
          field: fieldOf(p.key),
          reason: p.code,
          zh: `与「${name}」的阈值叠加后，${p.zh}`,
          en: `with the thresholds of ${name}, ${p.problem}`,
        });
    }
    if (broken > MAX_NAMED)
      problems.push({
        field: 'overrides',
        reason: 'emptyNight',
        zh: `另有 ${broken - MAX_NAMED} 个企业或车辆的阈值同样受影响`,
        en: `the thresholds of ${broken - MAX_NAMED} more enterprises or vehicles are affected too`,
      });
    if (problems.length > 0) throw new ParamInvalidError(problems);
  }

  /** The layers the rules stack for the target: the city's, its enterprise's and, for a vehicle, its own. */
  private async stackedFor(q: Queryable, t: Target): Promise<ParamLayer[]> {
    return (await this.stackedRows(q, t)).map(presentLayer);
  }

  private async stackedRows(q: Queryable, t: Target): Promise<ParamLayerRow[]> {
    const { rows } = await q.query<ParamLayerRow>(
      `${SELECT} WHERE p.scope_type = 'city'
          OR (p.scope_type = 'enterprise' AND p.scope_id = $1::uuid)
          OR (p.scope_type = 'vehicle' AND p.scope_id = $2::uuid)
        ORDER BY ${LAYER_ORDER}`,
      [t.enterpriseId, t.scope === 'vehicle' ? t.id : null],
    );
    return rows;
  }

  /**
   * The layer's owner within the actor's scope: 404 for an enterprise or vehicle outside it (or
   * none), 403 for the city's layer unless the actor is the city and `write`.
   */
  private async target(
    q: Queryable,
    actor: Actor,
    scope: ParamScope,
    id: string | null,
    write: boolean,
  ): Promise<Target> {
    if (scope === 'city') {
      if (write && actor.scope.kind !== 'city') throw new AppError('FORBIDDEN');
      return { scope, id: null, enterpriseId: null, name: null, trailer: false };
    }
    if (id === null || !UUID.test(id)) throw new AppError('NOT_FOUND');
    const params: unknown[] = [id];
    // A county writes for its district's enterprises; reads follow the archives' scope.
    const where = scopeWhere(
      actor,
      write
        ? { districtColumn: 'e.district_code' }
        : { districtColumn: 'e.district_code', enterpriseColumn: 'e.id' },
      params,
    );
    const { rows } =
      scope === 'enterprise'
        ? await q.query<{ enterprise_id: string; name: string; trailer: boolean }>(
            `SELECT e.id AS enterprise_id, e.name, false AS trailer FROM enterprises e WHERE e.id = $1 AND ${where}`,
            params,
          )
        : await q.query<{ enterprise_id: string; name: string; trailer: boolean }>(
            `SELECT e.id AS enterprise_id, v.plate AS name, v.vehicle_type = 'trailer' AS trailer
               FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.id = $1 AND ${where}`,
            params,
          );
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    return { scope, id, enterpriseId: row.enterprise_id, name: row.name, trailer: row.trailer };
  }
}
