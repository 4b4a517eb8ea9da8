/**
 * The one way to apply an actor's data scope to SQL. Every repository that reads or writes
 * scoped data adds `AND ${scopeWhere(actor, columns, params)}` to its WHERE clause, naming the
 * columns that carry the scope in that query. A scope kind the query has no column for matches
 * nothing (fail closed): a filling-site operator asking for users sees no users, not all of them.
 */
import type { Actor } from './auth.js';

export interface ScopeColumns {
  /** Column (or expression) holding the enterprise (transport company) id. */
  enterpriseColumn?: string;
  /** Column holding the district code (县区, 6 digits). */
  districtColumn?: string;
  /** Column holding the filling-site id, for `filling_site` scopes. */
  fillingSiteColumn?: string;
  /** Column holding the checkpoint id, for `checkpoint` scopes. */
  checkpointColumn?: string;
}

// Columns are interpolated, so only qualified identifiers are accepted (never user input).
const column = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

function col(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (!column.test(name)) throw new Error(`scopeWhere: not a plain column name: ${name}`);
  return name;
}

/**
 * A boolean SQL fragment restricting rows to the actor's scope. Values are appended to `params`
 * and referenced as `$n`, so the fragment can follow any other parameters of the query.
 */
export function scopeWhere(actor: Actor | null, columns: ScopeColumns, params: unknown[]): string {
  if (!actor) return 'FALSE';
  const bind = (value: string, name: string | undefined): string => {
    const c = col(name);
    if (!c) return 'FALSE';
    params.push(value);
    return `${c} = $${params.length}`;
  };
  const s = actor.scope;
  switch (s.kind) {
    case 'city':
      return 'TRUE';
    case 'district':
      return bind(s.districtCode, columns.districtColumn);
    case 'enterprise':
      return bind(s.enterpriseId, columns.enterpriseColumn);
    case 'filling_site':
      return bind(s.placeId, columns.fillingSiteColumn);
    case 'checkpoint':
      return bind(s.placeId, columns.checkpointColumn);
  }
}

/** True when `inner` lies within `outer` (a city scope contains everything). */
export function scopeContains(outer: Actor['scope'], inner: Actor['scope']): boolean {
  if (outer.kind === 'city') return true;
  if (outer.kind !== inner.kind) return false;
  switch (outer.kind) {
    case 'district':
      return inner.kind === 'district' && inner.districtCode === outer.districtCode;
    case 'enterprise':
      return inner.kind === 'enterprise' && inner.enterpriseId === outer.enterpriseId;
    case 'filling_site':
    case 'checkpoint':
      return (
        (inner.kind === 'filling_site' || inner.kind === 'checkpoint') && inner.placeId === outer.placeId
      );
  }
}
