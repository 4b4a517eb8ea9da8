/**
 * What the automatic checks look at: one waybill and the archive facts it names, gathered by one
 * repository call (`loadCheckContext`), so every check is a pure function of this value.
 */
import type { GoodsFacts, PackingGroup } from '../../goods/facts.js';
import type { Sanction } from '../sanctions.js';

/** A dated certificate from the archive's certificates table. */
export interface CertFacts {
  number: string | null;
  category: string | null;
  /** YYYY-MM-DD, the last day it is valid. */
  validUntil: string;
}

export type CertKind =
  | 'operating_permit'
  | 'road_transport_cert'
  | 'annual_review'
  | 'liability_insurance'
  | 'tank_inspection'
  | 'qualification'
  | 'driving_licence';

export type Certs = Partial<Record<CertKind, CertFacts>>;

export interface EnterpriseFacts {
  id: string;
  name: string;
  filingStatus: string;
  operatingStatus: string;
  scopeClasses: number[];
  scopeDivisions: string[];
  highlyToxic: boolean;
  explosives: boolean;
  radioactive: boolean;
  hazardousWaste: boolean;
  certs: Certs;
}

export interface VehicleFacts {
  id: string;
  enterpriseId: string;
  plate: string;
  vehicleType: 'tractor' | 'trailer' | 'rigid_tank' | 'van';
  filingStatus: string;
  operatingStatus: string;
  technicalGrade: number;
  ratedLoadKg: number;
  scopeClasses: number[];
  certs: Certs;
}

export interface TankFacts {
  id: string;
  vehicleId: string;
  tankNo: string;
  volumeM3: number;
  designMedium: string | null;
  certs: Certs;
}

export interface PersonFacts {
  id: string;
  enterpriseId: string;
  name: string;
  roles: string[];
  /** YYYY-MM-DD. */
  birthDate: string;
  filingStatus: string;
  employmentStatus: string;
  certs: Certs;
}

export interface CheckLine {
  lineNo: number;
  unNumber: string;
  name: string;
  hazardClass: string;
  packingGroup: PackingGroup | null;
  /** 'tank' for tank goods, else the package description. */
  packaging: string;
  quantity: number;
  unit: 'kg' | 'L';
}

export interface CheckWaybill {
  /** Null for a dry run of a body not yet stored. */
  id: string | null;
  enterpriseId: string;
  vehicleId: string;
  trailerId: string | null;
  tankId: string | null;
  driverId: string | null;
  escortId: string | null;
  plannedDeparture: Date;
  plannedArrival: Date | null;
  publicSecurityPermitNo: string | null;
  lines: CheckLine[];
}

/** Thresholds from the config (some facts are not verified in the regulations: keep them settable). */
export interface CheckParams {
  /** A terminal that reported within this many minutes is online. */
  terminalOnlineMinutes: number;
  /** Drivers and escorts may be at most this old (道路运输从业人员管理规定 第十一、十二条: 60). */
  maxAgeYears: number;
  /** Text the qualification category of a driver must contain. */
  driverCertCategory: string;
  /** Text the qualification category of an escort must contain. */
  escortCertCategory: string;
  /** Largest tank for highly toxic goods, m³. */
  tankMaxM3HighlyToxic: number;
  /** Largest tank for highly toxic, explosive and strongly corrosive goods, m³. */
  tankMaxM3Restricted: number;
}

export interface CheckContext {
  now: Date;
  waybill: CheckWaybill;
  enterprise: EnterpriseFacts | null;
  vehicle: VehicleFacts | null;
  trailer: VehicleFacts | null;
  tank: TankFacts | null;
  driver: PersonFacts | null;
  escort: PersonFacts | null;
  /** Catalogue facts by UN number; numbers not in the catalogue are absent. */
  goods: Map<string, GoodsFacts>;
  /** The terminal bound to the vehicle and its last report, or null when it has none. */
  terminal: { terminalId: string; lastSeenAt: Date | null } | null;
  /** Other active (checked, loading, in transit) waybills of the vehicle or trailer. */
  otherActive: { id: string; number: string; status: string }[];
  /** Sanctions in force on the carrier (the assessment hook; see sanctions.ts). */
  sanctions: Sanction[];
  params: CheckParams;
}

/** China Standard Time (UTC+8) calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The date certificates must still be valid on: the end of the trip (planned arrival, else the
 * planned departure), and never before today.
 */
export function validThrough(ctx: CheckContext): string {
  const end = ctx.waybill.plannedArrival ?? ctx.waybill.plannedDeparture;
  const a = chinaDate(end);
  const b = chinaDate(ctx.now);
  return a > b ? a : b;
}

/** Full years of age on a date (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
