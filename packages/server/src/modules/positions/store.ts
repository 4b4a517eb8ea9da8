/**
 * The position store: the `positions` table, partitioned by UTC day (native PostgreSQL range
 * partitioning, one partition a day, created ahead of need and dropped past the retention; the
 * regulations ask for at least six months of tracks, default 190 days).
 *
 * A batch is written in one statement, `INSERT … SELECT … FROM unnest(<one array per column>)
 * ON CONFLICT DO NOTHING`, so the write is atomic and idempotent on
 * (vehicle_id, device_time, serial): a bus redelivery after a crash between commit and ack, or a
 * terminal resending what it was not acknowledged, never makes a second row.
 */
import type { Db } from '../../platform/db/db.js';
import type { CheckedPosition } from './position.js';

const DAY_MS = 86_400_000;

// One statement per batch: every column travels as one array parameter (text, in PostgreSQL's
// array-literal syntax), `unnest` turns the arrays back into rows, and the INSERT is atomic on
// its own — no transaction, no staging table. Times travel as epoch milliseconds (integers):
// exact, and much cheaper for the server than parsing ISO-8601 text. The two columns that are
// themselves structured (safety_events jsonb, invalid_reasons text[]) travel as text and are
// cast row by row: an array of arrays would be flattened by unnest.
// Until 2026-12-06 a batch was BEGIN, CREATE TEMP TABLE, COPY, INSERT … SELECT, COMMIT: five
// round trips and a second copy of every row (BENCHMARKS.md, "2026-12-06 night: one statement
// per batch").
const msToTime = (c: string): string => `timestamptz 'epoch' + ${c} * interval '1 millisecond'`;

/** The columns of a stored fix: the element type of each one's array parameter, and how a row reads it. */
const COLUMNS: readonly { name: string; param: string; read?: (c: string) => string }[] = [
  { name: 'vehicle_id', param: 'text' },
  { name: 'device_time', param: 'bigint', read: msToTime },
  { name: 'serial', param: 'integer' },
  { name: 'terminal_id', param: 'text' },
  { name: 'received_at', param: 'bigint', read: msToTime },
  { name: 'lat', param: 'double precision' },
  { name: 'lon', param: 'double precision' },
  { name: 'speed', param: 'real' },
  { name: 'heading', param: 'smallint' },
  { name: 'altitude', param: 'integer' },
  { name: 'alarm_bits', param: 'bigint' },
  { name: 'status_bits', param: 'bigint' },
  { name: 'mileage', param: 'real' },
  { name: 'signal', param: 'smallint' },
  { name: 'satellites', param: 'smallint' },
  { name: 'safety_events', param: 'text', read: (c) => `${c}::jsonb` },
  { name: 'source', param: 'text' },
  { name: 'valid', param: 'boolean' },
  { name: 'invalid_reasons', param: 'text', read: (c) => `${c}::text[]` },
];

/** The columns of `positions` a fix fills, in the order of `batchParams` and `positionRow`. */
export const POSITION_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

export const INSERT_BATCH = `INSERT INTO positions (${POSITION_COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((c, i) => (c.read ? c.read(`c${i}`) : `c${i}`)).join(', ')}
  FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${c.param}[]`).join(', ')})
    AS batch(${COLUMNS.map((_, i) => `c${i}`).join(', ')})
  ON CONFLICT DO NOTHING`;

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/** A text element of an array literal: always quoted, so no value can read as NULL or split. */
function quoted(s: string): string {
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPED, '\\$&')}"` : `"${s}"`;
}

/**
 * The 19 array parameters of INSERT_BATCH for a batch (in the order of POSITION_COLUMNS). Numbers are
 * written as JavaScript writes them (the shortest text that reads back as the same double).
 */
export function batchParams(batch: readonly CheckedPosition[]): string[] {
  let vehicle = '';
  let device = '';
  let serial = '';
  let terminal = '';
  let received = '';
  let lat = '';
  let lon = '';
  let speed = '';
  let heading = '';
  let altitude = '';
  let alarm = '';
  let status = '';
  let mileage = '';
  let signal = '';
  let satellites = '';
  let safety = '';
  let source = '';
  let valid = '';
  let reasons = '';
  for (let i = 0; i < batch.length; i++) {
    const p = batch[i]!;
    const sep = i === 0 ? '' : ',';
    vehicle += sep + quoted(p.vehicleId);
    device += sep + p.deviceTime.getTime();
    serial += sep + p.serial;
    terminal += sep + quoted(p.terminalId);
    received += sep + p.receivedAt.getTime();
    lat += sep + p.lat;
    lon += sep + p.lon;
    speed += sep + p.speed;
    heading += sep + Math.round(p.heading);
    altitude += sep + Math.round(p.altitude);
    alarm += sep + (p.alarmBits >>> 0);
    status += sep + (p.statusBits >>> 0);
    mileage += sep + (p.mileage ?? 'NULL');
    signal += sep + (p.signal ?? 'NULL');
    satellites += sep + (p.satellites ?? 'NULL');
    safety += sep + (p.safetyEvents.length > 0 ? quoted(JSON.stringify(p.safetyEvents)) : 'NULL');
    source += sep + quoted(p.source);
    valid += sep + (p.valid ? 't' : 'f');
    // An array literal inside the array literal; the reasons are plain identifiers.
    reasons += sep + (p.invalidReasons.length > 0 ? `"{${p.invalidReasons.join(',')}}"` : 'NULL');
  }
  return [
    vehicle,
    device,
    serial,
    terminal,
    received,
    lat,
    lon,
    speed,
    heading,
    altitude,
    alarm,
    status,
    mileage,
    signal,
    satellites,
    safety,
    source,
    valid,
    reasons,
  ].map((a) => `{${a}}`);
}

/** A position as a row of `positions` (in the order of POSITION_COLUMNS), for COPY (bench:store's ceiling). */
export function positionRow(p: CheckedPosition): unknown[] {
  return [
    p.vehicleId,
    p.deviceTime,
    p.serial,
    p.terminalId,
    p.receivedAt,
    p.lat,
    p.lon,
    p.speed,
    Math.round(p.heading),
    Math.round(p.altitude),
    p.alarmBits >>> 0,
    p.statusBits >>> 0,
    p.mileage,
    p.signal,
    p.satellites,
    p.safetyEvents.length > 0 ? p.safetyEvents : null,
    p.source,
    p.valid,
    // A PostgreSQL array literal; the reasons are plain identifiers, so no quoting is needed.
    p.invalidReasons.length > 0 ? `{${p.invalidReasons.join(',')}}` : null,
  ];
}

export interface WriteResult {
  /** New rows. */
  inserted: number;
  /** Rows already stored (redelivery, terminal resend, repeated within the batch). */
  duplicates: number;
  /** Fixes whose device time is older than the retention or more than a day ahead: not stored. */
  outsideRetention: number;
}

export interface PositionStoreOptions {
  retentionDays: number;
  /** Partitions created ahead of today. */
  aheadDays?: number;
}

/** UTC day number (days since 1970-01-01). */
export const dayOf = (t: Date | number): number =>
  Math.floor((typeof t === 'number' ? t : t.getTime()) / DAY_MS);

export function partitionName(day: number): string {
  return `positions_p${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '')}`;
}

function dayOfPartition(name: string): number | undefined {
  const m = /^positions_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? dayOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

/** The columns of a track: exactly those the primary key INCLUDEs (index-only scan). */
export interface TrackRow {
  device_time: Date;
  serial: number;
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  altitude: number;
  alarm_bits: number;
  valid: boolean;
  invalid_reasons: string[] | null;
}

export class PositionStore {
  private readonly known = new Set<number>();
  private readonly retentionDays: number;
  private readonly aheadDays: number;

  constructor(
    private readonly db: Db,
    options: PositionStoreOptions,
  ) {
    this.retentionDays = options.retentionDays;
    this.aheadDays = options.aheadDays ?? 3;
  }

  /** Creates the partitions of the given days that do not exist yet. */
  async ensurePartitions(days: Iterable<number>): Promise<void> {
    for (const day of days) {
      if (this.known.has(day)) continue;
      const from = new Date(day * DAY_MS).toISOString();
      const to = new Date((day + 1) * DAY_MS).toISOString();
      try {
        // Vacuum an insert-only day early and often: index-only track scans skip the heap only
        // for pages the visibility map marks all-visible.
        await this.db.exec(
          `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF positions
           FOR VALUES FROM ('${from}') TO ('${to}')
           WITH (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_insert_threshold = 50000)`,
        );
      } catch (err) {
        // Another process created it between our check and our CREATE: that is what we wanted.
        if (!/already exists/.test((err as Error).message)) throw err;
      }
      this.known.add(day);
    }
  }

  /** Creates today's partition and aheadDays more; drops those wholly past the retention. */
  async maintain(now = new Date()): Promise<{ created: number; dropped: string[] }> {
    const today = dayOf(now);
    const before = this.known.size;
    const days: number[] = [];
    for (let d = today; d <= today + this.aheadDays; d++) days.push(d);
    await this.ensurePartitions(days);
    const oldest = today - this.retentionDays;
    const dropped: string[] = [];
    for (const name of await this.partitions()) {
      const day = dayOfPartition(name);
      if (day !== undefined && day < oldest) {
        await this.db.exec(`DROP TABLE IF EXISTS ${name}`);
        this.known.delete(day);
        dropped.push(name);
      }
    }
    return { created: this.known.size - before + dropped.length, dropped };
  }

  /** Partition table names, oldest first. */
  async partitions(): Promise<string[]> {
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'positions'::regclass ORDER BY c.relname`,
    );
    return rows.map((r) => r.name);
  }

  /**
   * Whether a fix of this device time would be stored: its UTC day lies between the oldest day of
   * the retention and tomorrow. Fixes outside are counted in `outsideRetention` and dropped.
   */
  keeps(deviceTime: Date, now = new Date()): boolean {
    const [oldest, newest] = this.keptDays(now);
    const day = dayOf(deviceTime);
    return day >= oldest && day <= newest;
  }

  /** The first and last day (as `dayOf`) a fix may have to be stored at `now`. */
  private keptDays(now: Date): [number, number] {
    return [dayOf(now) - this.retentionDays, dayOf(now.getTime() + DAY_MS)];
  }

  /** Writes a batch in one statement; resolves once committed. */
  async write(batch: readonly CheckedPosition[], now = new Date()): Promise<WriteResult> {
    const [oldest, newest] = this.keptDays(now);
    const keep: CheckedPosition[] = [];
    const days = new Set<number>();
    for (const p of batch) {
      const day = dayOf(p.deviceTime);
      if (!(day >= oldest && day <= newest)) continue;
      keep.push(p);
      days.add(day);
    }
    const outsideRetention = batch.length - keep.length;
    if (keep.length === 0) return { inserted: 0, duplicates: 0, outsideRetention };
    await this.ensurePartitions(days);
    const { rowCount: inserted } = await this.db.query(INSERT_BATCH, batchParams(keep));
    return { inserted, duplicates: keep.length - inserted, outsideRetention };
  }

  /** Every stored fix of a vehicle in [from, to), in device-time order. */
  async track(vehicleId: string, from: Date, to: Date, limit: number): Promise<TrackRow[]> {
    const { rows } = await this.db.query<TrackRow>(
      `SELECT device_time, serial, lat, lon, speed, heading, altitude, alarm_bits, valid, invalid_reasons
       FROM positions WHERE vehicle_id = $1 AND device_time >= $2 AND device_time < $3
       ORDER BY device_time, serial LIMIT $4`,
      [vehicleId, from, to, limit],
    );
    return rows;
  }
}
