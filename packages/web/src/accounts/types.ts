/** Shapes of the accounts API (GET /api/users, /api/api-keys, /api/audit) the console reads. */
import type { Role, Scope } from '../api/types.js';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The scopes an API key may carry: a company platform or a checkpoint camera. */
export type MachineScope = Extract<Scope, { kind: 'enterprise' | 'checkpoint' }>;

export interface ApiKeyRow {
  id: string;
  name: string;
  scope: Scope;
  permissions: string[];
  expiresAt: string;
  revokedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ApiKeyCreated {
  apiKey: ApiKeyRow;
  /** `<id>.<secret>`: shown once, sent as `Authorization: ApiKey <credential>`. */
  credential: string;
}

export interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface ListPage<T> {
  total: number;
  items: T[];
}

/**
 * The machine permissions an API key may hold (server: machinePermissions in
 * modules/accounts/permissions.ts; the create schema refuses any other) and the scope each needs.
 */
export const machinePermissions = [
  { permission: 'ingest:positions', scope: 'enterprise' },
  { permission: 'ingest:checkpoint_passes', scope: 'checkpoint' },
] as const satisfies readonly { permission: string; scope: MachineScope['kind'] }[];
export type MachinePermission = (typeof machinePermissions)[number]['permission'];
