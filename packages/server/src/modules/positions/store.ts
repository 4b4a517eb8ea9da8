/**
 * The position store: the `positions` table, partitioned by UTC day (native PostgreSQL range
 * partitioning, one partition a day, created ahead of need and dropped past the retention; the
 * regulations ask for at least six months of tracks, default 190 days).
 *
 * A batch is written in one transaction: COPY into a session-local staging table, then
 * `INSERT … SELECT … ON CONFLICT DO NOTHING` into `positions`, so the write is idempotent on
 * (vehicle_id, device_time, serial): a bus redelivery after a crash between commit and ack, or a
 * terminal resending what it was not acknowledged, never makes a second row.
 */
import type { Db, Queryable } from '../../platform/db/db.js';
import type { CheckedPosition } from './position.js';

const DAY_MS = 86_400_000;

const COLUMNS = [
  'vehicle_id',
  'device_time',
  'serial',
  'terminal_id',
  'received_at',
  'lat',
  'lon',
  'speed',
  'heading',
  'altitude',
  'alarm_bits',
  'status_bits',
  'mileage',
  'signal',
  'satellites',
  'safety_events',
  'source',
  'valid',
  'invalid_reasons',
] as const;

// Times travel as epoch milliseconds (integers) and become timestamptz in the INSERT: exact, and
// much cheaper for the server than parsing ISO-8601 text.
const STAGE_DDL = `CREATE TEMP TABLE IF NOT EXISTS positions_stage_ms (
  vehicle_id text, device_ms bigint, serial integer, terminal_id text, received_ms bigint,
  lat double precision, lon double precision, speed real, heading smallint, altitude integer,
  alarm_bits bigint, status_bits bigint, mileage real, signal smallint, satellites smallint,
  safety_events jsonb, source text, valid boolean, invalid_reasons text[]
) ON COMMIT DELETE ROWS`;

const STAGE_COLUMNS = COLUMNS.map((c) =>
  c === 'device_time' ? 'device_ms' : c === 'received_at' ? 'received_ms' : c,
);

const msToTime = (column: string): string => `timestamptz 'epoch' + ${column} * interval '1 millisecond'`;

const INSERT_FROM_STAGE = `INSERT INTO positions (${COLUMNS.join(', ')})
  SELECT ${STAGE_COLUMNS.map((c) => (c.endsWith('_ms') ? msToTime(c) : c)).join(', ')}
  FROM positions_stage_ms ON CONFLICT DO NOTHING`;

/** The row COPY writes for a position (column order of COLUMNS). */
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

const NEEDS_QUOTES = /[",\r\n]/;

/** A text field of COPY's csv format: bare when it can be (an empty bare field would be NULL). */
function csvText(s: string): string {
  return s === '' || NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const ZERO = 0x30;

/**
 * Writes COPY csv text straight into a growing Buffer: integers digit by digit, and decimals that
 * are whole multiples of 1e-6 (JT/T 808 degrees, 1/10 km/h, 1/10 km) as their digits; only other
 * values go through `String()`. Building the text as a string cost the gateway about 3 µs a fix.
 */
class CsvWriter {
  private buf: Buffer;
  private at = 0;
  private readonly digits = new Uint8Array(24);

  constructor(bytes: number) {
    this.buf = Buffer.allocUnsafe(bytes);
  }

  /** Makes room for n more bytes. */
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  byte(b: number): void {
    this.buf[this.at++] = b;
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at);
  }

  /** A safe integer (|n| < 2^53). */
  int(n: number): void {
    if (n < 0) {
      this.byte(0x2d);
      n = -n;
    }
    let k = 0;
    do {
      const q = Math.floor(n / 10);
      this.digits[k++] = ZERO + (n - q * 10);
      n = q;
    } while (n > 0);
    while (k > 0) this.buf[this.at++] = this.digits[--k]!;
  }

  /**
   * Any number. When x is the double nearest to r / 1e6 (r = x · 1e6 rounded), the decimal
   * r · 10⁻⁶ reads back as x exactly, so writing it is as exact as String(x).
   */
  num(x: number): void {
    if (Number.isSafeInteger(x)) return this.int(x);
    const r = Math.round(x * 1e6);
    if (!(r / 1e6 === x && Math.abs(r) < Number.MAX_SAFE_INTEGER)) return this.text(String(x));
    const whole = Math.trunc(r / 1e6);
    let frac = Math.abs(r - whole * 1e6);
    if (r < 0 && whole === 0) this.byte(0x2d); // -0.5: the sign is not in the whole part
    this.int(whole);
    this.byte(0x2e);
    let places = 6;
    while (frac % 10 === 0) {
      frac /= 10;
      places--;
    }
    for (let p = places - 1; p >= 0; p--) {
      const d = Math.floor(frac / 10 ** p) % 10;
      this.byte(ZERO + d);
    }
  }

  nullable(x: number | null): void {
    if (x !== null) this.num(x);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

/** The COPY (csv) text of a batch for the staging table (column order of STAGE_COLUMNS). */
export function positionsCsv(batch: readonly CheckedPosition[]): Buffer {
  const w = new CsvWriter(batch.length * 192 + 64);
  for (const p of batch) {
    w.room(512); // the numbers and separators of a row; text fields make their own room
    w.text(csvText(p.vehicleId));
    w.byte(COMMA);
    w.int(p.deviceTime.getTime());
    w.byte(COMMA);
    w.int(p.serial);
    w.byte(COMMA);
    w.text(csvText(p.terminalId));
    w.byte(COMMA);
    w.int(p.receivedAt.getTime());
    w.byte(COMMA);
    w.num(p.lat);
    w.byte(COMMA);
    w.num(p.lon);
    w.byte(COMMA);
    w.num(p.speed);
    w.byte(COMMA);
    w.num(Math.round(p.heading));
    w.byte(COMMA);
    w.num(Math.round(p.altitude));
    w.byte(COMMA);
    w.int(p.alarmBits >>> 0);
    w.byte(COMMA);
    w.int(p.statusBits >>> 0);
    w.byte(COMMA);
    w.nullable(p.mileage);
    w.byte(COMMA);
    w.nullable(p.signal);
    w.byte(COMMA);
    w.nullable(p.satellites);
    w.byte(COMMA);
    if (p.safetyEvents.length > 0) w.text(csvText(JSON.stringify(p.safetyEvents)));
    w.byte(COMMA);
    w.text(csvText(p.source));
    w.byte(COMMA);
    w.byte(p.valid ? 0x74 : 0x66); // t / f
    w.byte(COMMA);
    if (p.invalidReasons.length > 0) w.text(`"{${p.invalidReasons.join(',')}}"`);
    w.byte(NEWLINE);
  }
  return w.done();
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

  /** Writes a batch in one transaction; resolves once committed. */
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
    const inserted = await this.db.transaction((tx) => this.writeIn(tx, keep));
    return { inserted, duplicates: keep.length - inserted, outsideRetention };
  }

  private async writeIn(tx: Queryable, batch: readonly CheckedPosition[]): Promise<number> {
    await tx.exec(STAGE_DDL);
    await tx.copyCsv('positions_stage_ms', STAGE_COLUMNS, positionsCsv(batch));
    const res = await tx.query(INSERT_FROM_STAGE);
    return res.rowCount;
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
