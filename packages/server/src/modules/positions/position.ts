/**
 * The normalized position (定位数据): what every source (JT/T 808 terminal, company platform over
 * HTTP, JT/T 809 upstream) is turned into at the edge, in SI-ish units (degrees WGS-84, km/h,
 * metres, UTC instants). Everything downstream (store, live state, rules) reads only this shape.
 */

export const positionSources = ['jt808', 'http', 'jt809'] as const;
export type PositionSource = (typeof positionSources)[number];

/** An active-safety (主动安全, JT/T 1078 / Su-standard ADAS/DSM) event carried with a fix. */
export interface SafetyEvent {
  /** e.g. 'adas.forward_collision', 'dsm.fatigue', 'dsm.phone_call'. */
  kind: string;
  level?: number;
  /** Id of the attachment (video/photo) announced by the terminal, when any. */
  attachmentId?: string;
}

export interface Position {
  vehicleId: string;
  /** The reporting terminal's archive id; for a company platform's post, `api-key:<key id>`. */
  terminalId: string;
  /** When the terminal took the fix (UTC). */
  deviceTime: Date;
  /** When the platform received it (UTC). */
  receivedAt: Date;
  /** Degrees, WGS-84 (terminals report WGS-84; GCJ-02 conversion happens only at the map). */
  lat: number;
  lon: number;
  /** km/h. */
  speed: number;
  /** Degrees clockwise from north, 0–359. */
  heading: number;
  /** Metres above sea level. */
  altitude: number;
  /** JT/T 808-2019 table 24 alarm word, bit per alarm (named by alarmNames). */
  alarmBits: number;
  /** JT/T 808-2019 table 25 status word (named by statusNames). */
  statusBits: number;
  /** Odometer, km (JT/T 808 extra 0x01, 1/10 km), when reported. */
  mileage: number | null;
  /** Wireless signal strength (extra 0x30), when reported. */
  signal: number | null;
  /** GNSS satellites in view (extra 0x31), when reported. */
  satellites: number | null;
  safetyEvents: SafetyEvent[];
  source: PositionSource;
  /** Message serial number of the carrying message (0–65535 for JT/T 808). */
  serial: number;
  /**
   * The archive person whose IC card is in the terminal's reader (0x0702 driver identity), as the
   * gateway session last heard it: null once the card was pulled, or when the card's person is
   * not on file; absent when the source has said nothing about a card (no 0x0702 on this
   * connection yet, a company platform's post). The rule engine names this driver in its events.
   */
  driverId?: string | null;
}

/** A position after the validity check: invalid fixes are kept (for audit) but never drawn or ruled on. */
export interface CheckedPosition extends Position {
  valid: boolean;
  invalidReasons: InvalidReason[];
}

/**
 * Validity ranges of the national assessment (全国重点营运车辆联网联控系统考核, 数据合格率):
 * longitude 73°33′E–135°05′E, latitude 3°51′N–53°33′N, speed 0–160 km/h, altitude −200–6500 m,
 * device time not in the future.
 */
export const validityRanges = {
  lonMin: 73 + 33 / 60,
  lonMax: 135 + 5 / 60,
  latMin: 3 + 51 / 60,
  latMax: 53 + 33 / 60,
  speedMax: 160,
  altitudeMin: -200,
  altitudeMax: 6500,
} as const;

export const invalidReasons = [
  'lon_out_of_range',
  'lat_out_of_range',
  'speed_out_of_range',
  'altitude_out_of_range',
  'time_in_future',
  'not_positioned',
] as const;
export type InvalidReason = (typeof invalidReasons)[number];

// Frozen: shared by every valid fix, so an accidental push throws instead of spreading.
const NO_REASONS = Object.freeze([]) as unknown as InvalidReason[];

/** JT/T 808-2019 table 25 bit 1: 0 = not positioned, 1 = positioned. */
const STATUS_POSITIONED = 1 << 1;

/**
 * The validity check. futureSkewMs tolerates terminal clocks a little ahead of ours (the assessment
 * says "not in the future"; a few seconds of clock skew is not a fault of the fix).
 */
export function checkPosition(p: Position, now: Date, futureSkewMs: number): CheckedPosition {
  const r = validityRanges;
  let reasons: InvalidReason[] | undefined;
  if (!(p.lon >= r.lonMin && p.lon <= r.lonMax)) (reasons ??= []).push('lon_out_of_range');
  if (!(p.lat >= r.latMin && p.lat <= r.latMax)) (reasons ??= []).push('lat_out_of_range');
  if (!(p.speed >= 0 && p.speed <= r.speedMax)) (reasons ??= []).push('speed_out_of_range');
  if (!(p.altitude >= r.altitudeMin && p.altitude <= r.altitudeMax))
    (reasons ??= []).push('altitude_out_of_range');
  if (!(p.deviceTime.getTime() <= now.getTime() + futureSkewMs)) (reasons ??= []).push('time_in_future');
  // JT/T 808 terminals and company platforms (their `fixed`, http-intake.ts) fill the status word;
  // a fix its own source marks unpositioned is not a fix.
  if (p.source !== 'jt809' && (p.statusBits & STATUS_POSITIONED) === 0)
    (reasons ??= []).push('not_positioned');
  // Every field named (not `...p`): one object shape for every fix, and no generic property copy,
  // which showed in the gateway's profile at ingest rates.
  return {
    vehicleId: p.vehicleId,
    terminalId: p.terminalId,
    deviceTime: p.deviceTime,
    receivedAt: p.receivedAt,
    lat: p.lat,
    lon: p.lon,
    speed: p.speed,
    heading: p.heading,
    altitude: p.altitude,
    alarmBits: p.alarmBits,
    statusBits: p.statusBits,
    mileage: p.mileage,
    signal: p.signal,
    satellites: p.satellites,
    safetyEvents: p.safetyEvents,
    source: p.source,
    serial: p.serial,
    driverId: p.driverId,
    valid: reasons === undefined,
    invalidReasons: reasons ?? NO_REASONS,
  };
}

/** JT/T 808-2019 table 24, alarm flag bits (报警标志位). Reserved bits are absent. */
export const alarmBitNames: Readonly<Record<number, string>> = {
  0: 'emergency',
  1: 'overspeed',
  2: 'fatigue_driving',
  3: 'danger_warning',
  4: 'gnss_module_fault',
  5: 'gnss_antenna_disconnected',
  6: 'gnss_antenna_short_circuit',
  7: 'main_power_undervoltage',
  8: 'main_power_off',
  9: 'display_fault',
  10: 'tts_fault',
  11: 'camera_fault',
  12: 'ic_card_module_fault',
  13: 'overspeed_warning',
  14: 'fatigue_driving_warning',
  18: 'driving_overtime_today',
  19: 'parking_overtime',
  20: 'area_in_out',
  21: 'route_in_out',
  22: 'route_driving_time_abnormal',
  23: 'route_deviation',
  24: 'vss_fault',
  25: 'fuel_abnormal',
  26: 'stolen',
  27: 'illegal_ignition',
  28: 'illegal_displacement',
  29: 'collision_warning',
  30: 'rollover_warning',
  31: 'illegal_door_open',
};

/** JT/T 808-2019 table 25, status bits (状态位) that are single flags. */
export const statusBitNames: Readonly<Record<number, string>> = {
  0: 'acc_on',
  1: 'positioned',
  2: 'south_latitude',
  3: 'west_longitude',
  4: 'out_of_service',
  5: 'coordinates_encrypted',
  10: 'oil_circuit_cut',
  11: 'electric_circuit_cut',
  12: 'doors_locked',
  13: 'door1_open',
  14: 'door2_open',
  15: 'door3_open',
  16: 'door4_open',
  17: 'door5_open',
  18: 'gps',
  19: 'beidou',
  20: 'glonass',
  21: 'galileo',
  22: 'moving',
};

function namesOf(bits: number, table: Readonly<Record<number, string>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < 32; i++) {
    if (((bits >>> i) & 1) === 1) out.push(table[i] ?? `bit${i}`);
  }
  return out;
}

export const alarmNames = (bits: number): string[] => namesOf(bits, alarmBitNames);

const alarmBitOfName: ReadonlyMap<string, number> = new Map(
  Object.entries(alarmBitNames).map(([bit, name]) => [name, Number(bit)]),
);

/** The alarm word of these alarm names (the inverse of alarmNames); unknown names are ignored. */
export function alarmBitsOf(names: readonly string[]): number {
  let bits = 0;
  for (const name of names) {
    const bit = alarmBitOfName.get(name);
    if (bit !== undefined) bits |= 1 << bit;
  }
  return bits >>> 0;
}
export const statusNames = (bits: number): string[] => namesOf(bits, statusBitNames);

/** The idempotency key of a position: a resend of the same message never makes a second row. */
export function positionKey(p: Pick<Position, 'vehicleId' | 'deviceTime' | 'serial'>): string {
  return `${p.vehicleId}/${p.deviceTime.getTime()}/${p.serial}`;
}
