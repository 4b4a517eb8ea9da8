/**
 * Loads the Panjin demo dataset into an empty archive with COPY (about 100,000 rows), all
 * filed and in service, so the console, the statistics and the simulator have a city to show.
 */
import type { Queryable } from '../../../platform/db/db.js';
import { idNumberInfo } from '../validation/id-number.js';
import { generatePanjinDemo, type DemoDataset, type DemoOptions } from './generate.js';
import { demoPlaceSpecs } from './places.js';
import { createRng, uuid } from './random.js';

export interface DemoFixedIds {
  /** district code → enterprise id (the first enterprise of the district gets it). */
  enterprises?: Readonly<Record<string, string>>;
  /** enterprise id → display name, for the enterprises the demo accounts belong to. */
  enterpriseNames?: Readonly<Record<string, string>>;
  fillingSite?: string;
  checkpoint?: string;
}

export interface LoadedDemo {
  dataset: DemoDataset;
  rows: number;
}

/** The SIM number of the i-th demo terminal (the simulator dials with the same numbers). */
export function demoTerminalPhone(i: number): string {
  return `1440${String(i).padStart(7, '0')}`;
}

function rect(centre: [number, number], w: number, h: number): [number, number][] {
  const dx = w / 2 / (111_320 * Math.cos((centre[1] * Math.PI) / 180));
  const dy = h / 2 / 111_320;
  const [x, y] = centre;
  return [
    [x - dx, y - dy],
    [x + dx, y - dy],
    [x + dx, y + dy],
    [x - dx, y + dy],
    [x - dx, y - dy],
  ];
}

function polygonJson(ring: [number, number][]): { type: 'Polygon'; coordinates: [number, number][][] } {
  return { type: 'Polygon', coordinates: [ring] };
}

function centreOf(ring: [number, number][]): [number, number] {
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

/** Postgres array literal for COPY (numbers and plain words only). */
function pgArray(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}

export async function loadPanjinDemo(
  tx: Queryable,
  options: DemoOptions & { fixed?: DemoFixedIds },
): Promise<LoadedDemo> {
  const dataset = generatePanjinDemo({ ...options, fixedEnterpriseIds: options.fixed?.enterprises });
  const names = options.fixed?.enterpriseNames ?? {};
  let rows = 0;

  rows += await tx.copyInto(
    'enterprises',
    [
      'id', 'name', 'uscc', 'district_code', 'address', 'scope_classes', 'legal_representative',
      'safety_manager', 'phone', 'office_lon', 'office_lat', 'filing_status',
    ],
    dataset.enterprises.map((e) => [
      e.id, names[e.id] ?? e.name, e.uscc, e.districtCode, e.address, pgArray(e.scopeClasses),
      e.legalRepresentative, e.safetyManager, e.phone, e.office[0], e.office[1], 'filed',
    ]),
  ); // prettier-ignore

  const scopeOf = new Map(dataset.enterprises.map((e) => [e.id, e.scopeClasses]));
  rows += await tx.copyInto(
    'vehicles',
    [
      'id', 'enterprise_id', 'vehicle_type', 'plate', 'plate_colour', 'vin', 'scope_classes', 'transport_class',
      'rated_load_kg', 'filing_status', 'insurer', 'insurance_amount_yuan',
    ],
    dataset.vehicles.map((v) => [
      v.id, v.enterpriseId, v.type, v.plate, v.plateColour, v.vin, pgArray(scopeOf.get(v.enterpriseId) ?? []),
      v.transportClass, v.ratedLoadKg, 'filed', v.insurance.insurer, v.insurance.amountYuan,
    ]),
  ); // prettier-ignore

  const rng = createRng(808);

  // One JT/T 808 terminal per powered vehicle (trailers carry none), filed, with active-safety
  // equipment (seed 000: 100 % video). Phones are SIM numbers 1440000xxxx, unique and stable.
  const makers = [
    ['锐明', 'MR9704'],
    ['鸿泉', 'HQ-808'],
    ['中寰', 'ZH-T2'],
    ['雅迅', 'YX-A6'],
  ] as const;
  const powered = dataset.vehicles.filter((v) => v.type !== 'trailer');
  rows += await tx.copyInto(
    'terminals',
    [
      'id',
      'enterprise_id',
      'phone',
      'terminal_code',
      'maker',
      'model',
      'protocol_version',
      'vehicle_id',
      'has_dsm',
      'has_adas',
      'video_channels',
      'filing_status',
    ],
    powered.map((v, i) => {
      const [maker, model] = makers[i % makers.length]!;
      return [
        uuid(rng),
        v.enterpriseId,
        demoTerminalPhone(i),
        `WY${String(i).padStart(5, '0')}`,
        maker,
        model,
        i % 5 < 3 ? '2019' : '2013',
        v.id,
        true,
        true,
        4,
        'filed',
      ];
    }),
  );
  const tanks = dataset.vehicles.filter((v) => v.tank).map((v) => ({ v, id: uuid(rng) }));
  rows += await tx.copyInto(
    'tanks',
    ['id', 'vehicle_id', 'tank_no', 'volume_m3'],
    tanks.map(({ v, id }) => [id, v.id, v.tank!.number, v.tank!.volumeM3]),
  );

  rows += await tx.copyInto(
    'personnel',
    [
      'id',
      'enterprise_id',
      'name',
      'id_number',
      'birth_date',
      'sex',
      'roles',
      'phone',
      'licence_class',
      'filing_status',
    ],
    dataset.personnel.map((p) => {
      const info = idNumberInfo(p.idNumber);
      return [
        p.id,
        p.enterpriseId,
        p.name,
        p.idNumber,
        info.birthDate,
        info.sex,
        `{${p.role}}`,
        p.phone,
        p.licenceClass,
        'filed',
      ];
    }),
  );

  const places: unknown[][] = dataset.parkingLots.map((lot) => {
    const c = centreOf(lot.polygon);
    return [
      lot.id,
      'parking_lot',
      lot.enterpriseId,
      lot.districtCode,
      lot.name,
      polygonJson(lot.polygon),
      lot.areaM2,
      lot.spaces,
      c[0],
      c[1],
      'filed',
    ];
  });
  for (const spec of demoPlaceSpecs) {
    const fixedId =
      spec.fixedIdKey === 'fillingSite'
        ? options.fixed?.fillingSite
        : spec.fixedIdKey === 'checkpoint'
          ? options.fixed?.checkpoint
          : undefined;
    const ring = rect(spec.centre, spec.size[0], spec.size[1]);
    places.push([
      fixedId ?? uuid(rng),
      spec.kind,
      null,
      spec.districtCode,
      spec.name,
      polygonJson(ring),
      spec.size[0] * spec.size[1],
      null,
      spec.centre[0],
      spec.centre[1],
      'filed',
    ]);
  }
  rows += await tx.copyInto(
    'places',
    [
      'id',
      'kind',
      'enterprise_id',
      'district_code',
      'name',
      'polygon',
      'area_m2',
      'spaces',
      'centre_lon',
      'centre_lat',
      'filing_status',
    ],
    places,
  );

  const certs: unknown[][] = [];
  const cert = (
    holderType: string,
    holderId: string,
    enterpriseId: string,
    kind: string,
    number: string | null,
    until: string,
    category: string | null = null,
  ): void => {
    certs.push([uuid(rng), holderType, holderId, enterpriseId, kind, number, category, until]);
  };
  const permitExpiry = new Map(dataset.enterprises.map((e) => [e.id, e.permitExpiry]));
  for (const e of dataset.enterprises)
    cert('enterprise', e.id, e.id, 'operating_permit', e.permitNo, permitExpiry.get(e.id)!);
  for (const v of dataset.vehicles) {
    cert('vehicle', v.id, v.enterpriseId, 'road_transport_cert', v.roadCertNo, v.roadCertExpiry);
    cert('vehicle', v.id, v.enterpriseId, 'annual_review', null, v.annualReviewExpiry);
    cert('vehicle', v.id, v.enterpriseId, 'liability_insurance', v.insurance.policyNo, v.insurance.expiry);
  }
  for (const { v, id } of tanks)
    cert('tank', id, v.enterpriseId, 'tank_inspection', v.tank!.inspectionNo, v.tank!.inspectionExpiry);
  const category = {
    driver: '道路危险货物运输驾驶员',
    escort: '道路危险货物运输押运人员',
    loading_supervisor: '道路危险货物运输装卸管理人员',
  };
  for (const p of dataset.personnel) {
    cert(
      'person',
      p.id,
      p.enterpriseId,
      'qualification',
      p.qualificationNo,
      p.qualificationExpiry,
      category[p.role],
    );
    if (p.licenceClass && p.licenceExpiry)
      cert('person', p.id, p.enterpriseId, 'driving_licence', p.idNumber, p.licenceExpiry, p.licenceClass);
  }
  rows += await tx.copyInto(
    'certificates',
    ['id', 'holder_type', 'holder_id', 'enterprise_id', 'kind', 'number', 'category', 'valid_until'],
    certs,
  );
  return { dataset, rows };
}
