/** TypeBox schemas of the goods and emergency-card routes (OpenAPI). */
import { Type } from '@sinclair/typebox';
import { specialCategories } from './facts.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const TextSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const UnNumberParams = Type.Object({
  unNumber: Type.String({ pattern: '^[0-9]{4}$', description: 'UN number, 4 digits (UN编号)' }),
});

export const Distances = Type.Object({
  isolationM: Type.Integer(),
  smallSpillM: Type.Integer(),
  largeSpillM: Type.Integer(),
  fireM: Type.Integer(),
});

export const CardOverrideSchema = Type.Object(
  {
    distances: Type.Optional(
      Type.Partial(
        Type.Object({
          isolationM: Type.Integer({ minimum: 1, maximum: 20000 }),
          smallSpillM: Type.Integer({ minimum: 1, maximum: 20000 }),
          largeSpillM: Type.Integer({ minimum: 1, maximum: 20000 }),
          fireM: Type.Integer({ minimum: 1, maximum: 20000 }),
        }),
        { additionalProperties: false },
      ),
    ),
    note: Type.Optional(TextSchema),
  },
  { additionalProperties: false },
);

export const CardSchema = Type.Object({
  key: Type.String(),
  title: TextSchema,
  hazards: Type.Object({ fire: TextSchema, health: TextSchema }),
  protection: TextSchema,
  distances: Distances,
  fireFighting: Type.Object({ agents: TextSchema, prohibited: TextSchema, notes: TextSchema }),
  spill: TextSchema,
  firstAid: Type.Object({
    inhalation: TextSchema,
    skin: TextSchema,
    eyes: TextSchema,
    ingestion: TextSchema,
  }),
  note: Type.Union([TextSchema, Type.Null()]),
  distancesOverridden: Type.Boolean(),
});

const goodsFields = {
  unNumber: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  aliasesZh: Type.Array(Type.String()),
  hazardClass: Type.String({ description: 'GB 6944 class or division: 3, 2.1, 6.1, 1.1 …' }),
  compatibilityGroup: Nullable(Type.String()),
  subsidiaryRisks: Type.Array(Type.String()),
  packingGroups: Type.Array(Type.String()),
  special: Type.Array(Type.String()),
  physicalState: Type.String(),
  densityKgPerL: Type.Union([Type.Number(), Type.Null()]),
  ergGuide: Nullable(Type.String()),
  cardKey: Type.String(),
  source: Type.String({ enum: ['builtin', 'import', 'manual'] }),
  version: Type.Integer(),
  updatedAt: Type.String(),
};

export const GoodsSummary = Type.Object(goodsFields);
export const GoodsDetail = Type.Object({
  ...goodsFields,
  cardOverride: CardOverrideSchema,
  card: Type.Union([CardSchema, Type.Null()]),
});

export const ListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'UN number, Chinese or English name, or alias' }),
    ),
    hazardClass: Type.Optional(
      Type.String({ pattern: '^[1-9](\\.[1-6])?$', description: 'class (all its divisions) or division' }),
    ),
    special: Type.Optional(Type.String({ enum: [...specialCategories] })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const PutBody = Type.Object(
  {
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 300 }),
    aliasesZh: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    hazardClass: Type.String({ maxLength: 4 }),
    compatibilityGroup: Type.Optional(Nullable(Type.String({ maxLength: 1 }))),
    subsidiaryRisks: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 4 })),
    packingGroups: Type.Optional(Type.Array(Type.String({ enum: ['I', 'II', 'III'] }), { maxItems: 3 })),
    special: Type.Optional(Type.Array(Type.String({ enum: [...specialCategories] }), { maxItems: 5 })),
    physicalState: Type.String({ enum: ['gas', 'liquid', 'solid'] }),
    densityKgPerL: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    ergGuide: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{3}$' }))),
    cardKey: Type.Optional(
      Type.String({
        maxLength: 60,
        description: 'emergency-card template; derived from the class when absent',
      }),
    ),
    card: Type.Optional(CardOverrideSchema),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'the version read; required to change an existing entry' }),
    ),
  },
  { additionalProperties: false },
);

export const ImportReport = Type.Object({
  rows: Type.Integer(),
  imported: Type.Integer(),
  merged: Type.Integer(),
  problems: Type.Array(
    Type.Object({
      row: Type.Integer(),
      column: Type.String(),
      field: Type.String(),
      reason: Type.String(),
      message: Type.String(),
    }),
  ),
});

export const CardQuery = Type.Object(
  {
    plate: Type.Optional(
      Type.String({ minLength: 2, maxLength: 20, description: 'plate of the vehicle or trailer (车牌号)' }),
    ),
    waybill: Type.Optional(
      Type.String({ minLength: 1, maxLength: 60, description: 'waybill number (运单编号)' }),
    ),
  },
  { additionalProperties: false },
);

const PersonSchema = Type.Union([
  Type.Object({
    name: Type.String(),
    phone: Nullable(Type.String()),
    qualificationNo: Nullable(Type.String()),
  }),
  Type.Null(),
]);
const Party = Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()) });

export const WaybillCardSchema = Type.Object({
  waybill: Type.Object({
    number: Type.String(),
    status: Type.String(),
    originName: Type.String(),
    destinationName: Type.String(),
    plannedDeparture: Type.String(),
    plannedArrival: Nullable(Type.String()),
    consignor: Party,
    consignee: Party,
    loader: Party,
    dispatcherName: Nullable(Type.String()),
    publicSecurityPermitNo: Nullable(Type.String()),
    remarks: Nullable(Type.String()),
  }),
  carrier: Type.Object({ name: Type.String(), phone: Type.String(), permitNo: Nullable(Type.String()) }),
  vehicle: Type.Object({ plate: Type.String(), roadTransportCertNo: Nullable(Type.String()) }),
  trailer: Type.Union([
    Type.Object({ plate: Type.String(), roadTransportCertNo: Nullable(Type.String()) }),
    Type.Null(),
  ]),
  tank: Type.Union([Type.Object({ tankNo: Type.String(), volumeM3: Type.Number() }), Type.Null()]),
  driver: PersonSchema,
  escort: PersonSchema,
  lines: Type.Array(
    Type.Object({
      lineNo: Type.Integer(),
      unNumber: Type.String(),
      name: Type.String(),
      hazardClass: Type.String(),
      packingGroup: Nullable(Type.String()),
      packaging: Type.String(),
      packageCount: Type.Union([Type.Integer(), Type.Null()]),
      quantity: Type.Number(),
      unit: Type.String(),
      catalogued: Type.Boolean(),
      classMismatch: Type.Boolean(),
      goods: Type.Union([
        Type.Object({
          nameZh: Type.String(),
          nameEn: Type.String(),
          hazardClass: Type.String(),
          compatibilityGroup: Nullable(Type.String()),
          subsidiaryRisks: Type.Array(Type.String()),
          packingGroups: Type.Array(Type.String()),
          special: Type.Array(Type.String()),
          physicalState: Type.String(),
          ergGuide: Nullable(Type.String()),
        }),
        Type.Null(),
      ]),
      card: CardSchema,
    }),
  ),
  phones: Type.Array(Type.Object({ number: Type.String(), label: TextSchema })),
});
