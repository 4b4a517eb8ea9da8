/**
 * The route walker: calls EVERY registered route (from `app.routeTable`) as each actor of tenant
 * A — a district, a company, a filling site and a checkpoint — against the data of tenant B in
 * another district, and reports anything out of scope that was read, listed, counted or changed.
 * Routes added later are walked automatically; a route whose path parameters or body no module's
 * scope fixture provides is reported, never skipped.
 *
 * Each module exports a `ScopeFixture` (listed in `scope-fixtures.ts`) that creates its data for a
 * tenant, puts the tenant's marker string in it, and returns values for path parameters by name,
 * request bodies by route, and a snapshot of the tenant's rows.
 */
import { randomBytes } from 'node:crypto';
import type { Role, Scope } from '../platform/auth.js';
import type { Db } from '../platform/db/db.js';
import type { App, RouteEntry } from '../platform/http/app.js';
import {
  isPermission,
  machinePermissions,
  roleHas,
  type Permission,
} from '../modules/accounts/permissions.js';
import type { UserRole } from '../modules/accounts/repository.js';
import { makeApiKey, makeSession, makeUser } from '../modules/accounts/testing.js';
import { readTable } from '../modules/archives/transfer/tabular.js';

/**
 * One side of the walk. The tenant's enterprise, filling site and checkpoint lie in its district,
 * so a county regulator of A's district sees A's company and places and nothing of B's.
 */
export interface Tenant {
  key: 'A' | 'B';
  districtCode: string;
  enterpriseId: string;
  fillingSiteId: string;
  checkpointId: string;
  /** Unique to the tenant (lower-case letters and digits): put it in the text of every row you create. */
  marker: string;
}

export interface TenantData {
  /** Values for path parameters by name: `:userId` → `params.userId`, ids of this tenant's rows. */
  params: Record<string, string>;
  /** Valid request bodies by route (`'PATCH /api/users/:userId'`) aimed at this tenant's data. */
  bodies: Record<string, unknown>;
  /** This tenant's rows; must compare equal before and after any call by another tenant's actor. */
  snapshot(): Promise<unknown>;
}

export interface ScopeFixture {
  module: string;
  create(db: Db, tenant: Tenant): Promise<TenantData>;
}

export function makeTenants(): { A: Tenant; B: Tenant } {
  const marker = (k: string) => `zz${k}${randomBytes(5).toString('hex')}`;
  return {
    A: {
      key: 'A',
      districtCode: '211102',
      enterpriseId: 'aaaaaaaa-0000-4000-8000-00000000e001',
      fillingSiteId: 'aaaaaaaa-0000-4000-8000-00000000f001',
      checkpointId: 'aaaaaaaa-0000-4000-8000-00000000c001',
      marker: marker('a'),
    },
    B: {
      key: 'B',
      districtCode: '211103',
      enterpriseId: 'bbbbbbbb-0000-4000-8000-00000000e002',
      fillingSiteId: 'bbbbbbbb-0000-4000-8000-00000000f002',
      checkpointId: 'bbbbbbbb-0000-4000-8000-00000000c002',
      marker: marker('b'),
    },
  };
}

interface WalkActor {
  label: string;
  role: Role;
  /** Fresh credentials for one call (a new session each time, so a logout ends only that one). */
  headers(): Promise<Record<string, string>>;
  /** The same credentials every time, for reads compared before and after (same CSRF token). */
  readHeaders: Record<string, string>;
  holds(p: Permission): boolean;
}

async function humanActor(db: Db, role: UserRole, scope: Scope, tenant: Tenant | null): Promise<WalkActor> {
  const user = await makeUser(db, role, scope, {
    username: `walk.${role}.${tenant?.key.toLowerCase() ?? 'city'}`,
    displayName: `walker ${role} ${tenant?.marker ?? 'city'}`,
  });
  return {
    label: `${role}${tenant ? ` of ${tenant.key}` : ''}`,
    role,
    readHeaders: { authorization: `Bearer ${(await makeSession(db, user.id)).token}` },
    async headers() {
      return { authorization: `Bearer ${(await makeSession(db, user.id)).token}` };
    },
    holds: (p) => roleHas(role, p),
  };
}

async function machineActor(
  db: Db,
  scope: Extract<Scope, { kind: 'enterprise' | 'checkpoint' }>,
  by: string,
): Promise<WalkActor> {
  const credential = await makeApiKey(db, scope, machinePermissions, by);
  return {
    label: `machine (${scope.kind} API key) of A`,
    role: 'machine',
    headers: async () => ({ authorization: `ApiKey ${credential}` }),
    readHeaders: { authorization: `ApiKey ${credential}` },
    holds: (p) => (machinePermissions as readonly string[]).includes(p),
  };
}

/** A's actors: every role whose scope is narrower than the city, and both kinds of machine client. */
export async function scopedActors(db: Db, a: Tenant): Promise<WalkActor[]> {
  const admin = await humanActor(
    db,
    'enterprise_admin',
    { kind: 'enterprise', enterpriseId: a.enterpriseId },
    a,
  );
  const adminId = (
    await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'walk.enterprise_admin.a'`)
  ).rows[0]!.id;
  return [
    await humanActor(db, 'county_regulator', { kind: 'district', districtCode: a.districtCode }, a),
    admin,
    await humanActor(db, 'enterprise_monitor', { kind: 'enterprise', enterpriseId: a.enterpriseId }, a),
    await humanActor(db, 'filling_operator', { kind: 'filling_site', placeId: a.fillingSiteId }, a),
    await humanActor(db, 'checkpoint_officer', { kind: 'checkpoint', placeId: a.checkpointId }, a),
    await machineActor(db, { kind: 'enterprise', enterpriseId: a.enterpriseId }, adminId),
    await machineActor(db, { kind: 'checkpoint', placeId: a.checkpointId }, adminId),
  ];
}

/** City-wide roles, walked only for the permission matrix (they may see B's data by design). */
export async function cityActors(db: Db): Promise<WalkActor[]> {
  return [
    await humanActor(db, 'system_admin', { kind: 'city' }, null),
    await humanActor(db, 'city_regulator', { kind: 'city' }, null),
    await humanActor(db, 'emergency_responder', { kind: 'city' }, null),
  ];
}

const routeKey = (r: RouteEntry): string => `${r.method} ${r.url}`;
const paramNames = (url: string): string[] => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The text of a response as a person would read it: a spreadsheet export is unzipped into its
 * cells (a marker inside a compressed xlsx would otherwise go unseen, and the file's own
 * timestamps would differ between two identical reads).
 */
async function bodyText(res: {
  headers: Record<string, unknown>;
  body: string;
  rawPayload: Buffer;
}): Promise<string> {
  if (String(res.headers['content-type'] ?? '').startsWith(XLSX)) {
    return JSON.stringify(await readTable(res.rawPayload, 'xlsx'));
  }
  return res.body;
}

/**
 * Timestamps move between two identical reads (session expiry, last use); nothing else may. A
 * module whose answers depend on the clock must make them stable in its fixture data.
 */
function normalize(body: string): string {
  return body.replace(/"\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:?\d{2})"/g, '"<time>"');
}

async function auditCount(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
  return Number(rows[0]?.n ?? 0);
}

export interface WalkResult {
  problems: string[];
  /** How many requests the walker made, to show it did walk. */
  calls: number;
  routes: number;
  /** `METHOD /url` of every route walked (all of `app.routeTable` but the OpenAPI document). */
  walked: string[];
}

export interface WalkOptions {
  /** Requests in flight at once where calls are independent (default 4; 1 = one after another). */
  concurrency?: number;
}

/** Runs `fn` over `items` with at most `limit` in flight; results in the items' order. */
async function inPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Walks every route. `fixtures` create the data of each tenant; the returned problems are empty
 * when nothing of B reached or changed through A's actors and every permission held.
 *
 * Cost: reads (GET) share one session per actor and run `concurrency` at a time; tenant B's
 * snapshot and the audit count are taken around all the reads at once, and only when they moved
 * are the reads walked again one by one to name the culprit. Writes run one at a time, each with
 * a fresh session (a logout ends only its own), and the snapshot after one write is the snapshot
 * before the next.
 */
export async function walkScopes(
  app: App,
  db: Db,
  fixtures: readonly ScopeFixture[],
  options: WalkOptions = {},
): Promise<WalkResult> {
  const concurrency = options.concurrency ?? 4;
  const problems: string[] = [];
  let calls = 0;
  const { A, B } = makeTenants();
  const actors = await scopedActors(db, A);
  const everyone = [...actors, ...(await cityActors(db))];

  // One module after another, in the list's order: a module's rows may refer to another's (the
  // rules' thresholds to the archives' enterprise); side by side on PostgreSQL's pool they raced.
  const merge = async (t: Tenant): Promise<TenantData[]> => {
    const out: TenantData[] = [];
    for (const f of fixtures) out.push(await f.create(db, t));
    return out;
  };
  await merge(A);
  // Everything but the OpenAPI document and its UI (public, static, and with a `*` wildcard).
  const routes = app.routeTable.filter((r) => !r.url.startsWith('/api/docs'));

  const call = async (actor: WalkActor | null, r: RouteEntry, url: string, body: unknown, stable = false) => {
    calls++;
    return app.inject({
      method: r.method as 'GET',
      url,
      headers: actor ? (stable ? actor.readHeaders : await actor.headers()) : {},
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    });
  };

  // 1. Lists, counts and reads without ids: the same answer before and after B's data exists.
  const listing = routes.filter((r) => r.method === 'GET' && paramNames(r.url).length === 0);
  const listingCalls = listing.flatMap((r) => actors.map((actor) => ({ r, actor })));
  const readAll = async (): Promise<Map<string, string>> => {
    const answers = await inPool(listingCalls, concurrency, async ({ r, actor }) => {
      const res = await call(actor, r, r.url, undefined, true);
      return `${res.statusCode} ${normalize(await bodyText(res))}`;
    });
    return new Map(listingCalls.map(({ r, actor }, i) => [`${routeKey(r)} as ${actor.label}`, answers[i]!]));
  };
  await readAll(); // warm-up: first uses of sessions and keys change their last-used times
  const before = await readAll();
  const dataB = await merge(B);
  const after = await readAll();
  for (const [k, v] of after) {
    if (v.includes(B.marker)) problems.push(`${k}: the response shows tenant B's data`);
    else if (before.get(k) !== v) {
      problems.push(
        `${k}: the answer changed when tenant B's data was added (a count or list leaks):\n  before ${before.get(k)}\n  after  ${v}`,
      );
    }
  }

  const paramsB: Record<string, string> = {};
  const bodiesB: Record<string, unknown> = {};
  for (const d of dataB) {
    Object.assign(paramsB, d.params);
    Object.assign(bodiesB, d.bodies);
  }
  const snapshotB = async (): Promise<string> =>
    JSON.stringify(await Promise.all(dataB.map((d) => d.snapshot())));
  const urlB = (r: RouteEntry): string =>
    r.url.replace(/:([A-Za-z0-9_]+)/g, (_m, n: string) => encodeURIComponent(paramsB[n]!));

  // 2. Every route with B's ids, and every write with B's body, as each of A's actors.
  const targets: RouteEntry[] = [];
  for (const r of routes) {
    const names = paramNames(r.url);
    if (r.method === 'GET' && names.length === 0) continue; // walked above
    const missing = names.filter((n) => paramsB[n] === undefined);
    if (missing.length > 0) {
      problems.push(
        `${routeKey(r)}: no scope fixture provides path parameter ${missing.map((n) => `:${n}`).join(', ')}. ` +
          `Return it from your module's scope fixture (params) and list the fixture in src/testing/scope-fixtures.ts.`,
      );
      continue;
    }
    if (r.hasBody && bodiesB[routeKey(r)] === undefined) {
      problems.push(
        `${routeKey(r)}: the route takes a body but no scope fixture gives one. ` +
          `Add bodies['${routeKey(r)}'] (a valid body aimed at the tenant's data) to your module's scope fixture.`,
      );
      continue;
    }
    if (r.permission === undefined || !isPermission(r.permission)) {
      problems.push(`${routeKey(r)}: declares no known permission`);
      continue;
    }
    targets.push(r);
  }
  const whereOf = (r: RouteEntry, actor: WalkActor): string =>
    `${routeKey(r)} as ${actor.label} with B's ${paramNames(r.url).length > 0 ? 'ids' : 'body'}`;
  /** What the answer itself gives away: B's marker, or a status other than 404 (or 403 without the permission). */
  const answerProblems = async (
    r: RouteEntry,
    actor: WalkActor,
    res: { statusCode: number; body: string; headers: Record<string, unknown>; rawPayload: Buffer },
  ): Promise<string[]> => {
    const out: string[] = [];
    const where = whereOf(r, actor);
    if ((await bodyText(res)).includes(B.marker)) out.push(`${where}: the response shows tenant B's data`);
    if (paramNames(r.url).length > 0 && r.permission !== 'public') {
      const expected = actor.holds(r.permission as Permission) ? 404 : 403;
      if (res.statusCode !== expected)
        out.push(`${where}: answered ${res.statusCode}, expected ${expected}: ${res.body.slice(0, 200)}`);
    }
    return out;
  };
  type State = { snap: string; audits: number };
  const stateNow = async (): Promise<State> => ({ snap: await snapshotB(), audits: await auditCount(db) });
  /** What changed from `was` to `now`, as the call's problems. */
  const writeProblems = (r: RouteEntry, actor: WalkActor, was: State, now: State): string[] => {
    const out: string[] = [];
    if (now.snap !== was.snap) out.push(`${whereOf(r, actor)}: tenant B's data changed`);
    if (paramNames(r.url).length > 0 && now.audits !== was.audits)
      out.push(`${whereOf(r, actor)}: the audit log grew, so something was written`);
    return out;
  };

  // 2a. Reads with B's ids: all at once, then B's data and the audit log compared once.
  const reads = targets
    .filter((r) => r.method === 'GET')
    .flatMap((r) => actors.map((actor) => ({ r, actor })));
  const start = await stateNow();
  const answers = await inPool(reads, concurrency, async ({ r, actor }) =>
    answerProblems(r, actor, await call(actor, r, urlB(r), undefined, true)),
  );
  problems.push(...answers.flat());
  let state = await stateNow();
  if (state.snap !== start.snap || state.audits !== start.audits) {
    // Something among the reads wrote: walk them again one by one to say which.
    const moved = state.snap !== start.snap ? "tenant B's data changed" : 'the audit log grew';
    const named: string[] = [];
    for (const { r, actor } of reads) {
      await call(actor, r, urlB(r), undefined, true);
      const now = await stateNow();
      named.push(...writeProblems(r, actor, state, now));
      state = now;
    }
    problems.push(
      ...(named.length > 0
        ? named
        : [`GET routes with B's ids: ${moved} during the reads, and no single read repeats it`]),
    );
  }

  // 2b. Writes: one at a time, each compared with the state the one before left.
  for (const r of targets.filter((t) => t.method !== 'GET')) {
    for (const actor of actors) {
      const res = await call(actor, r, urlB(r), bodiesB[routeKey(r)]);
      problems.push(...(await answerProblems(r, actor, res)));
      const now = await stateNow();
      problems.push(...writeProblems(r, actor, state, now));
      state = now;
    }
  }

  // 3. The permission matrix: anonymous callers get 401, roles without the permission 403.
  const matrix: { r: RouteEntry; actor: WalkActor | null }[] = [];
  for (const r of routes) {
    if (r.permission === 'public' || r.permission === undefined || !isPermission(r.permission)) continue;
    if (paramNames(r.url).some((n) => paramsB[n] === undefined)) continue; // reported above
    matrix.push({ r, actor: null });
    for (const actor of everyone) if (!actor.holds(r.permission as Permission)) matrix.push({ r, actor });
  }
  const refusals = await inPool(matrix, concurrency, async ({ r, actor }) => {
    const res = await call(actor, r, urlB(r), bodiesB[routeKey(r)], r.method === 'GET');
    const expected = actor ? 403 : 401;
    if (res.statusCode === expected) return null;
    return actor
      ? `${routeKey(r)} as ${actor.label} without ${r.permission}: answered ${res.statusCode}, expected 403`
      : `${routeKey(r)} anonymous: answered ${res.statusCode}, expected 401`;
  });
  problems.push(...refusals.filter((p): p is string => p !== null));
  return { problems, calls, routes: routes.length, walked: routes.map(routeKey) };
}
