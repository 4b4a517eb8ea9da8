/** Shapes of the waybill, goods, verification and emergency-card answers the console reads. */
export type WaybillStatus =
  | 'draft'
  | 'submitted'
  | 'check_failed'
  | 'checked'
  | 'loading'
  | 'in_transit'
  | 'unloaded'
  | 'closed'
  | 'cancelled';

export const waybillStatuses: readonly WaybillStatus[] = [
  'draft',
  'submitted',
  'check_failed',
  'checked',
  'loading',
  'in_transit',
  'unloaded',
  'closed',
  'cancelled',
];

export interface CheckResult {
  code: string;
  passed: boolean;
  severity: string;
  messageZh: string;
  messageEn: string;
  detail?: Record<string, unknown>;
}

export interface WaybillLine {
  lineNo?: number;
  unNumber: string;
  name: string;
  hazardClass: string;
  packingGroup: 'I' | 'II' | 'III' | null;
  packaging: string;
  packageCount: number | null;
  quantity: number;
  unit: 'kg' | 'L';
}

export interface Waybill {
  id: string;
  number: string;
  status: WaybillStatus;
  enterpriseId: string;
  enterpriseName: string | null;
  consignorName: string;
  consignorPhone: string;
  consigneeName: string;
  consigneePhone: string;
  loaderName: string | null;
  loaderPhone: string | null;
  vehicleId: string;
  plate: string | null;
  trailerId: string | null;
  trailerPlate: string | null;
  tankId: string | null;
  driverId: string | null;
  escortId: string | null;
  originName: string;
  destinationName: string;
  plannedDeparture: string;
  plannedArrival: string | null;
  publicSecurityPermitNo: string | null;
  remarks: string | null;
  checkResults: CheckResult[] | null;
  checkedAt: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  closedAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
  lines: WaybillLine[];
  actions: string[];
}

export interface WaybillEvent {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorRole: string | null;
  note: string | null;
  at: string;
}

export interface GoodsSummary {
  unNumber: string;
  nameZh: string;
  nameEn: string;
  hazardClass: string;
  packingGroups: string[];
  physicalState: string;
}

export interface Finding {
  code: string;
  messageZh: string;
  messageEn: string;
}

export interface SubjectCertificate {
  kind: string;
  number: string | null;
  category: string | null;
  validUntil: string;
  valid: boolean;
}

export interface SubjectVehicle {
  id: string;
  plate: string;
  vehicleType: string;
  enterpriseName: string;
  filingStatus: string;
  operatingStatus: string;
  ratedLoadKg: number;
  certificates: SubjectCertificate[];
}

export interface SubjectPerson {
  id: string;
  name: string;
  role: string;
  phone: string | null;
  photoUrl: string | null;
  filingStatus: string;
  certificates: SubjectCertificate[];
}

export interface Lookup {
  plate: string;
  plateColour: number;
  vehicle: SubjectVehicle | null;
  trailer: SubjectVehicle | null;
  tank: { tankNo: string; volumeM3: number; certificates: SubjectCertificate[] } | null;
  driver: SubjectPerson | null;
  escort: SubjectPerson | null;
  waybill: {
    id: string;
    number: string;
    status: string;
    checkResults: { code: string; passed: boolean }[] | null;
    plannedKg: number;
    lines: {
      lineNo: number;
      unNumber: string;
      name: string;
      hazardClass: string;
      quantity: number;
      unit: string;
    }[];
  } | null;
}

export interface FillingLookup extends Lookup {
  site: { id: string; name: string };
  verdict: { mayFill: boolean; reasons: Finding[]; plannedKg: number | null; ratedLoadKg: number | null };
}

export interface CheckpointLookup extends Lookup {
  checkpoint: { id: string; name: string };
  verdict: { result: 'passed' | 'flagged'; flags: Finding[] };
}

export interface FillingRecord {
  id: string;
  plate: string;
  waybillNumber: string | null;
  grossKg: number;
  tareKg: number;
  netKg: number;
  plannedKg: number | null;
  verdict: 'filled' | 'refused';
  reasons: Finding[];
  recordedAt: string;
}

export interface CheckpointPass {
  id: string;
  source: string;
  plate: string;
  passedAt: string;
  waybillNumber: string | null;
  result: 'passed' | 'flagged';
  flags: unknown;
  note: string | null;
  recordedByName: string | null;
}

export interface EmergencyCard {
  waybill: {
    number: string;
    status: string;
    originName: string;
    destinationName: string;
    plannedDeparture: string;
    consignor: { name: string | null; phone: string | null };
    consignee: { name: string | null; phone: string | null };
  };
  carrier: { name: string; phone: string };
  vehicle: { plate: string };
  trailer: { plate: string } | null;
  driver: { name: string; phone: string | null } | null;
  escort: { name: string; phone: string | null } | null;
  lines: {
    lineNo: number;
    unNumber: string;
    name: string;
    hazardClass: string;
    quantity: number;
    unit: string;
    card: {
      title: { zh: string; en: string };
      hazards: { fire: { zh: string; en: string }; health: { zh: string; en: string } };
      protection: { zh: string; en: string };
      distances: { isolationM: number; smallSpillM: number; largeSpillM: number; fireM: number };
      spill: { zh: string; en: string };
    };
  }[];
  phones: { number: string; label: { zh: string; en: string } }[];
}
