/** TypeBox schemas of the accounts API (validation and OpenAPI). */
import { Type, type Static } from '@sinclair/typebox';
import type { roles } from '../../platform/auth.js';
import { machinePermissions } from './permissions.js';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });

export const UserRole = Type.Union([
  Type.Literal('system_admin'),
  Type.Literal('city_regulator'),
  Type.Literal('county_regulator'),
  Type.Literal('enterprise_admin'),
  Type.Literal('enterprise_monitor'),
  Type.Literal('filling_operator'),
  Type.Literal('checkpoint_officer'),
  Type.Literal('emergency_responder'),
]);
// Exactly the roles of platform/auth.ts except machine clients (API keys), which are not accounts.
type AccountRole = Exclude<(typeof roles)[number], 'machine'>;
const _sameRoles: [Static<typeof UserRole>] extends [AccountRole]
  ? [AccountRole] extends [Static<typeof UserRole>]
    ? true
    : never
  : never = true;

export const Scope = Type.Union([
  Type.Object({ kind: Type.Literal('city') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('district'), districtCode: Type.String({ pattern: '^[0-9]{6}$' }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('enterprise'), enterpriseId: Uuid }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('filling_site'), placeId: Uuid }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('checkpoint'), placeId: Uuid }, { additionalProperties: false }),
]);

export const MachineScope = Type.Union([
  Type.Object({ kind: Type.Literal('enterprise'), enterpriseId: Uuid }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('checkpoint'), placeId: Uuid }, { additionalProperties: false }),
]);

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' });
export const Password = Type.String({ minLength: 1, maxLength: 256 });

export const UserView = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: UserRole,
  scope: Scope,
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Password,
    /** cookie (browsers, the default) or body (scripts that send `Authorization: Bearer`). */
    tokenIn: Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('body')])),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionView = Type.Object({
  csrfToken: Type.String({ description: 'Send as x-csrf-token on cookie-authenticated writes' }),
  idleExpiresAt: Timestamp,
  absoluteExpiresAt: Timestamp,
});

export const LoginResponse = Type.Object({
  user: UserView,
  session: SessionView,
  token: Type.Optional(Type.String({ description: 'Only when tokenIn = body' })),
});

export const MeResponse = Type.Object({
  user: UserView,
  permissions: Type.Array(Type.String()),
  session: Type.Union([SessionView, Type.Null()]),
});

export const PasswordChangeBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    role: Type.Optional(UserRole),
    ...Paging,
  },
  { additionalProperties: false },
);

export const UserPage = Type.Object({ total: Type.Integer(), items: Type.Array(UserView) });

export const UserCreateBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Password,
    role: UserRole,
    scope: Scope,
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    disabled: Type.Optional(Type.Boolean()),
    role: Type.Optional(UserRole),
    scope: Type.Optional(Scope),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UserIdParams = Type.Object({ userId: Uuid });
export const ApiKeyIdParams = Type.Object({ apiKeyId: Uuid });

export const PasswordResetResponse = Type.Object({
  temporaryPassword: Type.String({ description: 'Shown once; the user must change it at next login' }),
});

export const ApiKeyView = Type.Object({
  id: Uuid,
  name: Type.String(),
  scope: Scope,
  permissions: Type.Array(Type.String()),
  expiresAt: Timestamp,
  revokedAt: Type.Union([Timestamp, Type.Null()]),
  createdBy: Type.Union([Uuid, Type.Null()]),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
});

export const ApiKeyCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: MachineScope,
    permissions: Type.Array(Type.Union(machinePermissions.map((p) => Type.Literal(p))), {
      minItems: 1,
      maxItems: machinePermissions.length,
    }),
    expiresAt: Timestamp,
  },
  { additionalProperties: false },
);

export const ApiKeyCreated = Type.Object({
  apiKey: ApiKeyView,
  credential: Type.String({ description: 'Shown once: send as `Authorization: ApiKey <credential>`' }),
});

export const ApiKeyPage = Type.Object({ total: Type.Integer(), items: Type.Array(ApiKeyView) });
export const PagingQuery = Type.Object(Paging, { additionalProperties: false });

export const AuditQuery = Type.Object(
  {
    actorId: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    targetType: Type.Optional(Type.String({ maxLength: 64 })),
    targetId: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    ...Paging,
  },
  { additionalProperties: false },
);

export const AuditItem = Type.Object({
  id: Type.String(),
  at: Timestamp,
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
});

export const AuditPage = Type.Object({ total: Type.Integer(), items: Type.Array(AuditItem) });
