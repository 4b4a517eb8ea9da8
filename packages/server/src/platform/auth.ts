/**
 * The contract between the accounts module (who is calling) and every other module (what they
 * may see). The accounts module authenticates each request and sets `req.actor`; repositories
 * apply `actor.scope` to every query they run. An id outside the caller's scope answers 404.
 */

/** Roles (see docs/architecture.md "Who uses it"). */
export const roles = [
  'system_admin',
  'city_regulator',
  'county_regulator',
  'enterprise_admin',
  'enterprise_monitor',
  'filling_operator',
  'checkpoint_officer',
  'emergency_responder',
  /** Machine clients (API keys): a company platform or a checkpoint camera. */
  'machine',
] as const;
export type Role = (typeof roles)[number];

/** What slice of the data an actor may read and write. */
export type Scope =
  | { kind: 'city' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'filling_site'; placeId: string }
  | { kind: 'checkpoint'; placeId: string };

export interface Actor {
  /** User id, or API key id for machine clients. */
  id: string;
  name: string;
  role: Role;
  scope: Scope;
  via: 'session' | 'bearer' | 'api_key';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the accounts module's authentication hook; null for an anonymous request. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /**
     * The permission a route needs (see modules/accounts permissions). 'public' routes need no
     * session. Every route must declare one: a test walks the route table to check.
     */
    permission?: string;
  }
}
