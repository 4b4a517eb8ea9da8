/**
 * API keys of machine clients (a company platform, a checkpoint camera): `<id>.<secret>`, the
 * secret stored as SHA-256, with a scope (enterprise or checkpoint), the machine permissions it
 * holds, an expiry and revocation.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Actor, Scope } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { scopeContains } from '../../platform/scope.js';
import { recordAudit, type RequestContext } from './audit.js';
import { machinePermissions, type MachinePermission } from './permissions.js';
import * as creds from './credential-repository.js';
import type { ApiKeyRecord } from './credential-repository.js';
import type { Authenticated } from './service.js';
import { newSecret, safeEqual, sha256 } from './tokens.js';

// The last-used time is written at most this often.
const TOUCH_EVERY_MS = 60_000;

export function presentApiKey(k: ApiKeyRecord): {
  id: string;
  name: string;
  scope: Scope;
  permissions: string[];
  expiresAt: string;
  revokedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
} {
  return {
    id: k.id,
    name: k.name,
    scope: k.scope,
    permissions: k.permissions,
    expiresAt: k.expiresAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdBy: k.createdBy,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  };
}

export interface ApiKeyInput {
  name: string;
  scope: Extract<Scope, { kind: 'enterprise' | 'checkpoint' }>;
  permissions: MachinePermission[];
  expiresAt: string;
}

export class ApiKeyService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `<id>.<secret>` → the key's machine actor, or null (unknown, wrong secret, expired, revoked). */
  async authenticateApiKey(credential: string): Promise<Authenticated | null> {
    const dot = credential.indexOf('.');
    if (dot < 0) return null;
    const id = credential.slice(0, dot);
    const secret = credential.slice(dot + 1);
    if (!/^[0-9a-f-]{36}$/.test(id) || secret.length === 0) return null;
    const key = await creds.findApiKeyById(this.db, id);
    if (!key || !safeEqual(key.secretHash, sha256(secret))) return null;
    const now = this.now();
    if (key.revokedAt || now >= key.expiresAt) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
      await creds.touchApiKey(this.db, key.id, now);
    }
    return {
      actor: { id: key.id, name: key.name, role: 'machine', scope: key.scope, via: 'api_key' },
      mustChangePassword: false,
      apiKeyPermissions: key.permissions,
    };
  }

  async createApiKey(
    ctx: RequestContext & { actor: Actor },
    input: ApiKeyInput,
  ): Promise<{ key: ApiKeyRecord; credential: string }> {
    if (ctx.actor.role !== 'system_admin' && !scopeContains(ctx.actor.scope, input.scope)) {
      throw new AppError('NOT_FOUND', { scope: input.scope.kind });
    }
    const expiresAt = new Date(input.expiresAt);
    if (!(expiresAt > this.now())) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'body.expiresAt', reason: 'must be in the future' }],
      });
    }
    for (const p of input.permissions) {
      if (!(machinePermissions as readonly string[]).includes(p)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ field: 'body.permissions', reason: `unknown: ${p}` }],
        });
      }
    }
    const secret = newSecret();
    return this.db.transaction(async (tx) => {
      const key = await creds.insertApiKey(tx, {
        id: randomUUID(),
        name: input.name.trim(),
        secretHash: sha256(secret),
        scope: input.scope,
        permissions: [...new Set(input.permissions)],
        expiresAt,
        createdBy: ctx.actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: key.id,
        after: presentApiKey(key),
      });
      return { key, credential: `${key.id}.${secret}` };
    });
  }

  listApiKeys(
    actor: Actor,
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: ApiKeyRecord[] }> {
    return creds.listApiKeysInScope(this.db, actor, limit, offset);
  }

  async revokeApiKey(ctx: RequestContext & { actor: Actor }, id: string): Promise<ApiKeyRecord> {
    return this.db.transaction(async (tx) => {
      const before = await creds.findApiKeyInScope(tx, ctx.actor, id, true);
      if (!before) throw new AppError('NOT_FOUND', { apiKey: id });
      if (before.revokedAt) return before;
      const after = await creds.revokeApiKey(tx, id, this.now());
      await recordAudit(tx, ctx, {
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: id,
        before: presentApiKey(before),
        after: presentApiKey(after),
      });
      return after;
    });
  }
}
