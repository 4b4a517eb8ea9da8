/**
 * The one validated config catalog. This is the only module that reads process.env.
 * Every key has a type, a unit, a default and a doc line; docs/config.md is rendered from
 * this catalog and a test keeps the two in sync (`npm run docs`).
 */
import { isIP } from 'node:net';
import { parseBehaviours } from './sim/behaviours.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

interface KeySpec<T> {
  readonly kind: string;
  readonly unit: string;
  /** Default as the user would write it in the environment; undefined = optional, no default. */
  readonly defaultText: string | undefined;
  readonly doc: string;
  parse(raw: string): Parsed<T>;
}

type Optional<T> = KeySpec<T | undefined>;

function intKey(doc: string, unit: string, def: number, min: number, max: number): KeySpec<number> {
  return {
    kind: `integer ${min}–${max}`,
    unit,
    defaultText: String(def),
    doc,
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) return { ok: false, reason: `not an integer: "${raw}"` };
      const n = Number(raw);
      if (n < min || n > max) return { ok: false, reason: `${n} is outside ${min}–${max}` };
      return { ok: true, value: n };
    },
  };
}

function enumKey<E extends string>(doc: string, values: readonly E[], def: E): KeySpec<E> {
  return {
    kind: values.join(' | '),
    unit: '—',
    defaultText: def,
    doc,
    parse(raw) {
      return (values as readonly string[]).includes(raw)
        ? { ok: true, value: raw as E }
        : { ok: false, reason: `"${raw}" is not one of ${values.join(', ')}` };
    },
  };
}

function stringKey(doc: string, def: string): KeySpec<string> {
  return {
    kind: 'string',
    unit: '—',
    defaultText: def,
    doc,
    parse(raw) {
      return raw.length > 0 ? { ok: true, value: raw } : { ok: false, reason: 'must not be empty' };
    },
  };
}

/** A list of simulator behaviours (sim/behaviours.ts), checked at start. */
function behavioursKey(doc: string, def: string): KeySpec<string> {
  return {
    ...stringKey(doc, def),
    parse(raw) {
      try {
        parseBehaviours(raw);
        return { ok: true, value: raw };
      } catch (err) {
        return { ok: false, reason: (err as Error).message };
      }
    },
  };
}

function urlKey(doc: string, protocols: readonly string[]): Optional<string> {
  return {
    kind: `URL (${protocols.join(', ')})`,
    unit: '—',
    defaultText: undefined,
    doc,
    parse(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { ok: false, reason: `not a URL: "${redact(raw)}"` };
      }
      if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
        return { ok: false, reason: `protocol must be one of ${protocols.join(', ')}` };
      }
      return { ok: true, value: raw };
    },
  };
}

/**
 * Which proxies to believe about the client address (X-Forwarded-For): false, true (any), or a
 * comma-separated list of proxy IPs/CIDRs. Passed to Fastify's trustProxy.
 */
function trustProxyKey(doc: string): KeySpec<boolean | string[]> {
  return {
    kind: 'false | true | IP/CIDR list',
    unit: '—',
    defaultText: 'false',
    doc,
    parse(raw) {
      const text = raw.trim();
      if (text === 'false') return { ok: true, value: false };
      if (text === 'true') return { ok: true, value: true };
      const list = text.split(',').map((x) => x.trim());
      const bad = list.filter((x) => {
        const [ip, bits, extra] = x.split('/');
        if (extra !== undefined || !ip || isIP(ip) === 0) return true;
        return bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
      });
      return bad.length === 0
        ? { ok: true, value: list }
        : { ok: false, reason: `not an IP address or CIDR: ${bad.join(', ')}` };
    },
  };
}

/** Never echo a password from a connection string into a log or an error. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

export const configCatalog = {
  WEIYUN_MODE: enumKey(
    'demo: embedded defaults with demo accounts and data; production: no demo accounts, first start prints a random admin password',
    ['demo', 'production'] as const,
    'demo',
  ),
  HOST: stringKey('Interface the HTTP server listens on', '0.0.0.0'),
  PORT: intKey('HTTP port of the console and the API', 'TCP port', 8080, 1, 65535),
  LOG_LEVEL: enumKey(
    'pino log level',
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
    'info',
  ),
  DATABASE_URL: urlKey('PostgreSQL connection string; when unset the embedded PGlite database is used', [
    'postgres',
    'postgresql',
  ]),
  DATABASE_POOL_SIZE: intKey('Maximum PostgreSQL connections in the pool', 'connections', 10, 1, 200),
  PGLITE_DATA_DIR: stringKey(
    'Data folder of the embedded PGlite database (used when DATABASE_URL is unset); "memory://" keeps it in memory',
    './data/pg',
  ),
  NATS_URL: urlKey('NATS server with JetStream; when unset an in-process bus is used', ['nats', 'tls']),
  BUS_PARTITIONS: intKey(
    'Number of position partitions (subjects positions.<p>); all positions of a vehicle use one partition',
    'partitions',
    16,
    1,
    1024,
  ),
  HTTP_BODY_LIMIT: intKey('Largest accepted HTTP request body', 'bytes', 1_048_576, 1024, 104_857_600),
  SHUTDOWN_TIMEOUT_MS: intKey(
    'How long a graceful shutdown may drain requests before the process exits',
    'ms',
    10_000,
    100,
    600_000,
  ),
  AUTH_PASSWORD_MIN_LENGTH: intKey(
    'Shortest accepted password (three character classes are also required)',
    'characters',
    10,
    8,
    128,
  ),
  AUTH_LOCKOUT_THRESHOLD: intKey('Failed logins in a row that lock an account', 'attempts', 5, 1, 100),
  AUTH_LOCKOUT_MINUTES: intKey('How long a locked account stays locked', 'minutes', 15, 1, 1440),
  AUTH_SESSION_IDLE_MINUTES: intKey('A session unused for this long expires', 'minutes', 30, 1, 10_080),
  AUTH_SESSION_ABSOLUTE_HOURS: intKey(
    'A session expires this long after login, however active',
    'hours',
    12,
    1,
    720,
  ),
  AUTH_COOKIE_SECURE: enumKey(
    'Secure flag of the session cookie; auto = on in production mode, off in demo mode',
    ['auto', 'true', 'false'] as const,
    'auto',
  ),
  AUTH_ARGON2_MEMORY_KIB: intKey(
    'argon2id memory cost of password hashes (OWASP minimum 19456 with 2 passes)',
    'KiB',
    19_456,
    1024,
    1_048_576,
  ),
  RATE_LIMIT_LOGIN_PER_MINUTE: intKey(
    'Login attempts allowed per client IP and username',
    'per minute',
    10,
    1,
    100_000,
  ),
  HTTP_TRUST_PROXY: trustProxyKey(
    'Proxies trusted for the client address (X-Forwarded-For), used by rate limits and the audit log; set it to the TLS proxy in front',
  ),
  RATE_LIMIT_API_PER_MINUTE: intKey(
    'API requests allowed per session token or API key (per IP when anonymous)',
    'per minute',
    1200,
    1,
    1_000_000,
  ),
  ARCHIVE_IMPORT_MAX_BYTES: intKey(
    'Largest archive import file (xlsx or CSV)',
    'bytes',
    10_485_760,
    1024,
    104_857_600,
  ),
  GOODS_IMPORT_MAX_BYTES: intKey(
    'Largest dangerous-goods table import file (xlsx or CSV); larger uploads are refused with GOODS_IMPORT_TOO_LARGE',
    'bytes',
    10_485_760,
    1024,
    104_857_600,
  ),
  POSITION_RETENTION_DAYS: intKey(
    'Days of positions kept (one partition a day; older partitions are dropped), and of the terminals’ IC-card reports. Regulations ask for at least 6 months',
    'days',
    190,
    1,
    3650,
  ),
  POSITION_FUTURE_SKEW_S: intKey(
    'How far ahead of the server clock a device time may be before the fix is marked invalid (time_in_future)',
    's',
    120,
    0,
    86_400,
  ),
  POSITION_BATCH_SIZE: intKey(
    'Most positions written to the store in one COPY batch',
    'positions',
    5000,
    1,
    100_000,
  ),
  POSITION_HTTP_BATCH_MAX: intKey(
    'Most positions one company-platform request (POST /api/ingest/positions) may carry; the route also refuses a body over this many KiB (413)',
    'positions',
    1000,
    1,
    10_000,
  ),
  POSITION_LINGER_MS: intKey(
    'How long ingest and the store consumer wait for more positions before writing a batch',
    'ms',
    5,
    0,
    1000,
  ),
  LIVE_OFFLINE_AFTER_S: intKey(
    'A vehicle with no position received for this long is offline (the assessment leaves the threshold open)',
    's',
    600,
    10,
    86_400,
  ),
  LIVE_FLUSH_INTERVAL_MS: intKey(
    'How often the live state writes changed vehicles to the vehicle_live table',
    'ms',
    2000,
    100,
    600_000,
  ),
  LIVE_STREAM_THROTTLE_MS: intKey(
    'Least time between two change messages to one live WebSocket client (a client may ask for more, not less)',
    'ms',
    1000,
    100,
    60_000,
  ),
  TRACK_GAP_S: intKey(
    'Two consecutive valid fixes further apart than this mark a gap in a track (轨迹不完整; no official threshold)',
    's',
    300,
    10,
    86_400,
  ),
  RULES_CONTEXT_REFRESH_S: intKey(
    'How often the rule engine reloads its whole context: vehicles, places, geofences, ban windows and every active waybill (changes made through the API reload at once)',
    's',
    300,
    10,
    86_400,
  ),
  RULES_WAYBILL_REFRESH_S: intKey(
    'How often the rule engine reads the waybills changed since its last read (by updated_at); modules that change waybills may also ask for an immediate read',
    's',
    15,
    1,
    3600,
  ),
  RULES_WAYBILL_PLACE_RADIUS_M: intKey(
    'Radius around a waybill’s origin and destination within which a stop counts as at the loading or unloading place',
    'm',
    500,
    50,
    10_000,
  ),
  RULES_WAYBILL_CORRIDOR_M: intKey(
    'Full width of a waybill’s planned-route corridor when the waybill gives none (route deviation is measured from its edge)',
    'm',
    200,
    50,
    10_000,
  ),
  RULES_SNAPSHOT_INTERVAL_S: intKey(
    'How often the rule engine saves the state of every vehicle whose state changed (continuous driving, open episodes, daily metrics) to rule_state; a restart resumes from the last save. Each save costs about 15–20 µs of CPU per vehicle: with a national fleet a longer interval saves CPU, and a restart forgets at most this much',
    's',
    30,
    5,
    3600,
  ),
  RULES_REPLAY_MARGIN_S: intKey(
    'On the in-process bus a crash loses the positions the rules had taken since their last state save; at start the rule worker reads them again from the position store: those received after the last completed save (or, if the rules lagged behind the store then, after the newest one they had taken), less this margin (the spread between receive order and the order of the stream). 0 = no replay',
    's',
    120,
    0,
    3600,
  ),
  RULES_REORDER_WINDOW_S: intKey(
    'Positions wait this long to be put in device-time order before the rules see them (absorbs late 0x0704 supplements; every rule event is delayed by up to this much)',
    's',
    60,
    0,
    600,
  ),
  RULES_CONTIGUOUS_GAP_S: intKey(
    "A position at most this long (device time) after its vehicle's last processed one, and at most 1.5 × the vehicle's last reporting interval, goes through the rules at once; one after a longer gap waits up to RULES_REORDER_WINDOW_S for the late positions that may fill it (0 = every position waits the whole window)",
    's',
    35,
    0,
    3600,
  ),
  ARCHIVE_EXPIRY_CHECK_MINUTES: intKey(
    'How often the certificate-expiry job looks for certificates reaching 30, 15, 7 and 0 days (each warning is sent once); 0 turns the job off',
    'minutes',
    60,
    0,
    1440,
  ),
  WEB_DIST_DIR: stringKey(
    'Folder of the built web console served at / (auto: packages/web/dist beside the server)',
    'auto',
  ),
  GATEWAY_PORT: intKey(
    'TCP port of the JT/T 808 terminal gateway (0 = no gateway); it opens when the HTTP server listens',
    'TCP port',
    6808,
    0,
    65535,
  ),
  GATEWAY_MAX_CONNECTIONS: intKey(
    'Most terminal connections the gateway holds at once',
    'connections',
    100_000,
    1,
    1_000_000,
  ),
  GATEWAY_CONNECTIONS_PER_IP_PER_MINUTE: intKey(
    'New terminal connections accepted from one IP address per minute (loopback is exempt)',
    'per minute',
    600,
    1,
    1_000_000,
  ),
  GATEWAY_AUTH_TIMEOUT_S: intKey('A connection must authenticate (0x0102) within this time', 's', 30, 1, 600),
  GATEWAY_HEARTBEAT_S: intKey(
    'Terminal heartbeat interval (JT/T 808 parameter 0x0001); a session silent for 3 × this is closed',
    's',
    60,
    5,
    3600,
  ),
  GATEWAY_MAX_FRAME_BYTES: intKey(
    'Largest unescaped JT/T 808 frame accepted (header + body + check code)',
    'bytes',
    1100,
    64,
    65_536,
  ),
  GATEWAY_BAD_FRAME_LIMIT: intKey(
    'Bad frames (bad check code, undecodable, garbage) a session may send before it is closed',
    'frames',
    20,
    1,
    10_000,
  ),
  GATEWAY_MAX_INGEST_PENDING: intKey(
    'Positions awaiting durability across all sessions before the gateway pauses reading sockets',
    'positions',
    50_000,
    100,
    10_000_000,
  ),
  GATEWAY_COMMAND_TIMEOUT_S: intKey(
    'Wait for a terminal reply to a platform command before resending (JT/T 808 T; the n-th resend waits T × (n + 1))',
    's',
    10,
    1,
    600,
  ),
  GATEWAY_COMMAND_RETRIES: intKey(
    'Resends of an unanswered command before it times out (JT/T 808 n)',
    'resends',
    3,
    0,
    10,
  ),
  SIM_VEHICLES: intKey(
    'Simulated terminals `npm start` drives against its own gateway (archive vehicles with filed terminals; 0 = none)',
    'vehicles',
    300,
    0,
    100_000,
  ),
  SIM_BEHAVIOURS: behavioursKey(
    'Behaviours injected into the simulated fleet for the rules, comma-separated `name` or `name:count` (overspeed, fatigue, parking, adas, dsm, emergency, offline, deviation, zone, invalid, escort: see packages/server/src/sim/behaviours.ts); each takes the next `count` vehicles (default 1); `none` = only the background shares',
    'none',
  ),
  SIM_REPORT_INTERVAL_S: intKey(
    'How often a simulated terminal reports while driving (three times as long when parked)',
    's',
    10,
    1,
    3600,
  ),
  ALARM_DEADLINE_HIGH_MINUTES: intKey(
    'Time a company has to handle a high or critical alarm before it escalates to the county',
    'minutes',
    10,
    1,
    10_080,
  ),
  ALARM_DEADLINE_MEDIUM_MINUTES: intKey(
    'Time a company has to handle a medium alarm before it escalates to the county',
    'minutes',
    30,
    1,
    10_080,
  ),
  ALARM_DEADLINE_LOW_MINUTES: intKey(
    'Time a company has to handle a low alarm before it escalates to the county',
    'minutes',
    1440,
    1,
    10_080,
  ),
  ALARM_DEADLINE_COUNTY_MINUTES: intKey(
    'Time the county has for an escalated alarm before it escalates to the city',
    'minutes',
    60,
    1,
    10_080,
  ),
  ALARM_DEADLINE_CITY_MINUTES: intKey(
    'Time the city has for an alarm escalated to it (it stays overdue with the city after that)',
    'minutes',
    1440,
    1,
    43_200,
  ),
  ALARM_TICK_INTERVAL_MS: intKey(
    'How often the alarm deadline job looks for passed deadlines (0 = never; tests drive it)',
    'ms',
    15_000,
    0,
    3_600_000,
  ),
  FILLING_OVERFILL_TOLERANCE_KG: intKey(
    'Weighbridge net mass a filling may exceed the waybill’s planned quantity by before it is refused as over-filling (the rated load has no tolerance)',
    'kg',
    0,
    0,
    5_000,
  ),
  FILLING_MAX_GROSS_KG: intKey(
    'Largest plausible weighbridge gross mass; larger figures are refused as input errors',
    'kg',
    60_000,
    10_000,
    200_000,
  ),
  CHECKPOINT_BATCH_MAX: intKey(
    'Most plate-recognition events one checkpoint ingest request may carry',
    'events',
    100,
    1,
    1_000,
  ),
  WAYBILL_TERMINAL_ONLINE_MINUTES: intKey(
    "Waybill check TERMINAL_OFFLINE: the vehicle's terminal must have reported within this many minutes",
    'minutes',
    10,
    1,
    1440,
  ),
  WAYBILL_PERSON_MAX_AGE: intKey(
    "Waybill checks DRIVER_AGE / ESCORT_AGE: oldest driver or escort, in full years on the trip date (从业人员管理规定: 60; re-check against the 2026 revision); also the oldest the IC card's person may be while driving (rule driver_unqualified, reason over_age)",
    'years',
    60,
    18,
    80,
  ),
  WAYBILL_DRIVER_CERT_CATEGORY: stringKey(
    "Waybill check DRIVER_CERT_CATEGORY: text the driver's qualification category must contain",
    '驾驶员',
  ),
  WAYBILL_ESCORT_CERT_CATEGORY: stringKey(
    "Waybill check ESCORT_CERT_CATEGORY: text the escort's qualification category must contain",
    '押运',
  ),
  WAYBILL_TANK_MAX_M3_HIGHLY_TOXIC: intKey(
    'Waybill check TANK_VOLUME: largest tank for highly toxic goods (剧毒化学品; article not confirmed)',
    'm³',
    10,
    1,
    100,
  ),
  WAYBILL_TANK_MAX_M3_RESTRICTED: intKey(
    'Waybill check TANK_VOLUME: largest tank for explosive and strongly corrosive goods (article not confirmed)',
    'm³',
    20,
    1,
    100,
  ),
  WAYBILL_DEPARTURE_RADIUS_M: intKey(
    'A vehicle with an active waybill is in transit once it is this far from the loading place (outside its polygon too)',
    'm',
    500,
    50,
    20_000,
  ),
  WAYBILL_ARRIVAL_RADIUS_M: intKey(
    "A vehicle in transit is at its destination within this distance of it (or inside the destination place's polygon)",
    'm',
    500,
    50,
    20_000,
  ),
  WAYBILL_ARRIVAL_DWELL_S: intKey(
    'How long a vehicle in transit stays at its destination before its waybill is marked unloaded',
    's',
    300,
    0,
    86_400,
  ),
} as const;

export type ConfigKey = keyof typeof configCatalog;

type ValueOf<K extends ConfigKey> = (typeof configCatalog)[K] extends KeySpec<infer T> ? T : never;

export type Config = { readonly [K in ConfigKey]: ValueOf<K> };

export interface ConfigError {
  key: ConfigKey;
  reason: string;
}

export class ConfigInvalidError extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(`Invalid configuration:\n${errors.map((e) => `  ${e.key}: ${e.reason}`).join('\n')}`);
    this.name = 'ConfigInvalidError';
  }
}

/** Parses the given environment; reports every bad key at once. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const errors: ConfigError[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(configCatalog) as ConfigKey[]) {
    const spec = configCatalog[key] as KeySpec<unknown>;
    const raw = env[key];
    const text = raw === undefined || raw === '' ? spec.defaultText : raw;
    if (text === undefined) {
      out[key] = undefined;
      continue;
    }
    const parsed = spec.parse(text);
    if (parsed.ok) out[key] = parsed.value;
    else errors.push({ key, reason: parsed.reason });
  }
  if (errors.length > 0) throw new ConfigInvalidError(errors);
  return out as Config;
}

/** The process environment, read once. */
export function loadConfig(overrides: Partial<Record<ConfigKey, string>> = {}): Config {
  return parseConfig({ ...process.env, ...overrides });
}

/** docs/config.md, rendered from the catalog. */
export function renderConfigDoc(): string {
  const rows = (Object.keys(configCatalog) as ConfigKey[]).map((key) => {
    const spec = configCatalog[key] as KeySpec<unknown>;
    const def = spec.defaultText === undefined ? '(unset)' : `\`${spec.defaultText}\``;
    return `| \`${key}\` | ${spec.kind} | ${spec.unit} | ${def} | ${spec.doc} |`;
  });
  return [
    '# Configuration',
    '',
    'Generated from `packages/server/src/config.ts` by `npm run docs`; a test keeps this file in sync.',
    'Every key is an environment variable. On a bad value the server prints every bad key and exits with status 78.',
    '',
    '| key | type | unit | default | meaning |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
