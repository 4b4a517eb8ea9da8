-- Accounts, sessions, API keys and the append-only audit log (issue #3).
-- Scope columns carry no foreign keys yet: enterprises and places arrive with the archives
-- module, which adds the constraints in its own migration.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('system_admin', 'city_regulator', 'county_regulator',
    'enterprise_admin', 'enterprise_monitor', 'filling_operator', 'checkpoint_officer',
    'emergency_responder')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('city', 'district', 'enterprise', 'filling_site', 'checkpoint')),
  district_code text,
  enterprise_id uuid,
  place_id uuid,
  disabled boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Each role has exactly one scope kind, and the scope carries exactly its own id.
  CONSTRAINT users_role_scope CHECK (
    (role IN ('system_admin', 'city_regulator', 'emergency_responder') AND scope_kind = 'city')
    OR (role = 'county_regulator' AND scope_kind = 'district')
    OR (role IN ('enterprise_admin', 'enterprise_monitor') AND scope_kind = 'enterprise')
    OR (role = 'filling_operator' AND scope_kind = 'filling_site')
    OR (role = 'checkpoint_officer' AND scope_kind = 'checkpoint')
  ),
  CONSTRAINT users_scope_ids CHECK (
    (scope_kind = 'city' AND district_code IS NULL AND enterprise_id IS NULL AND place_id IS NULL)
    OR (scope_kind = 'district' AND district_code IS NOT NULL AND enterprise_id IS NULL AND place_id IS NULL)
    OR (scope_kind = 'enterprise' AND enterprise_id IS NOT NULL AND district_code IS NULL AND place_id IS NULL)
    OR (scope_kind IN ('filling_site', 'checkpoint') AND place_id IS NOT NULL AND district_code IS NULL
        AND enterprise_id IS NULL)
  ),
  CONSTRAINT users_district_code CHECK (district_code IS NULL OR district_code ~ '^[0-9]{6}$'),
  CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$')
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_enterprise ON users (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX users_district ON users (district_code) WHERE district_code IS NOT NULL;
CREATE INDEX users_place ON users (place_id) WHERE place_id IS NOT NULL;
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Opaque session tokens: only their SHA-256 is stored, so a database dump cannot log anyone in.
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API keys of machine clients (a company platform, a checkpoint camera): `<id>.<secret>`, the
-- secret stored as SHA-256 (it is 256 random bits, so a slow hash adds nothing).
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('enterprise', 'checkpoint')),
  enterprise_id uuid,
  place_id uuid,
  permissions text[] NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  CONSTRAINT api_keys_scope_ids CHECK (
    (scope_kind = 'enterprise' AND enterprise_id IS NOT NULL AND place_id IS NULL)
    OR (scope_kind = 'checkpoint' AND place_id IS NOT NULL AND enterprise_id IS NULL)
  )
);
CREATE INDEX api_keys_enterprise ON api_keys (enterprise_id) WHERE enterprise_id IS NOT NULL;

-- The audit log: written in the same transaction as the change it records; never updated or
-- deleted (the triggers below refuse, whoever asks).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_role text,
  actor_name text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  before jsonb,
  after jsonb,
  request_id text,
  ip text
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
