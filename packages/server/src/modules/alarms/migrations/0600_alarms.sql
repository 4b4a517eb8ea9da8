-- Alarm handling (报警处置): one alarm per rule-engine episode or certificate-expiry warning,
-- its workflow history, the city's supervision orders (督办), duty checks (查岗) and each
-- user's inbox read markers. No foreign keys into the archives: an alarm is a historical record
-- that keeps its plate, company and district as they were when it was raised.

CREATE TABLE alarms (
  id uuid PRIMARY KEY,
  -- The episode id (rule events) or warning key (certificates): one alarm per source, idempotent.
  source_id text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('rule', 'certificate')),
  type text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  vehicle_id uuid,
  plate text,
  enterprise_id uuid NOT NULL,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  driver_id text,
  waybill_id uuid,
  status text NOT NULL
    CHECK (status IN ('pending', 'processing', 'returned', 'escalated', 'handled', 'closed')),
  -- Who holds the alarm now: the company, the county (district) or the city.
  level text NOT NULL CHECK (level IN ('company', 'county', 'city')),
  episode text NOT NULL CHECK (episode IN ('active', 'ended')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  opened_at timestamptz NOT NULL,
  last_event_at timestamptz NOT NULL,
  lat double precision,
  lon double precision,
  threshold double precision,
  measured double precision,
  unit text,
  -- Positions, detail, active-safety attachment metadata, certificate data.
  evidence jsonb NOT NULL DEFAULT '{}',
  deadline_at timestamptz NOT NULL,
  -- A deadline passed unhandled (automatic escalation happened).
  overdue boolean NOT NULL DEFAULT false,
  supervised boolean NOT NULL DEFAULT false,
  escalations smallint NOT NULL DEFAULT 0,
  first_response_at timestamptz,
  handled_at timestamptz,
  handled_on_time boolean,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarms_enterprise_opened ON alarms (enterprise_id, opened_at DESC);
CREATE INDEX alarms_district_opened ON alarms (district_code, opened_at DESC);
CREATE INDEX alarms_opened ON alarms (opened_at DESC);
-- The tick job's scan: open alarms by deadline.
CREATE INDEX alarms_due ON alarms (deadline_at) WHERE status IN ('pending', 'processing', 'returned', 'escalated');

CREATE TABLE alarm_steps (
  id bigserial PRIMARY KEY,
  alarm_id uuid NOT NULL REFERENCES alarms (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  level text NOT NULL,
  actor_id text,
  actor_name text,
  actor_role text,
  at timestamptz NOT NULL,
  note text,
  attachments jsonb NOT NULL DEFAULT '[]',
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX alarm_steps_alarm ON alarm_steps (alarm_id, id);

CREATE TABLE supervision_orders (
  id uuid PRIMARY KEY,
  alarm_id uuid REFERENCES alarms (id),
  target text NOT NULL CHECK (target IN ('county', 'company')),
  enterprise_id uuid,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  content text NOT NULL CHECK (length(content) BETWEEN 2 AND 2000),
  deadline_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
  overdue boolean NOT NULL DEFAULT false,
  issued_by text NOT NULL,
  issued_by_name text NOT NULL,
  issued_at timestamptz NOT NULL,
  answer text,
  answered_by text,
  answered_at timestamptz,
  closed_by text,
  closed_at timestamptz,
  closed_on_time boolean,
  CHECK (target = 'county' OR enterprise_id IS NOT NULL)
);
CREATE INDEX supervision_orders_district ON supervision_orders (district_code, issued_at DESC);
CREATE INDEX supervision_orders_open ON supervision_orders (deadline_at) WHERE status <> 'closed';

CREATE TABLE duty_checks (
  id uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  issuer_level text NOT NULL CHECK (issuer_level IN ('county', 'city')),
  issued_by text NOT NULL,
  issued_by_name text NOT NULL,
  prompt text NOT NULL CHECK (length(prompt) BETWEEN 2 AND 500),
  issued_at timestamptz NOT NULL,
  answer_within_seconds integer NOT NULL CHECK (answer_within_seconds > 0),
  answer text,
  answered_by text,
  answered_by_name text,
  answered_at timestamptz,
  response_seconds integer
);
CREATE INDEX duty_checks_enterprise ON duty_checks (enterprise_id, issued_at DESC);
CREATE INDEX duty_checks_district ON duty_checks (district_code, issued_at DESC);

-- Inbox: an alarm is unread for a user until they read its current version.
CREATE TABLE alarm_reads (
  user_id text NOT NULL,
  alarm_id uuid NOT NULL REFERENCES alarms (id),
  read_version integer NOT NULL,
  PRIMARY KEY (user_id, alarm_id)
);
