import { districtByCode } from '../districts.js';
import { commonFields, type EntitySpec } from '../resource/spec.js';
import { polygonAreaM2, polygonCentre, polygonProblem } from '../validation/polygon.js';

/** 场所: parking lots, chemical parks, filling sites and checkpoints, each with a polygon. */
export const placeSpec: EntitySpec = {
  type: 'place',
  path: 'places',
  table: 'places',
  alias: 'pl',
  from: 'places pl LEFT JOIN enterprises e ON e.id = pl.enterprise_id',
  scope: {
    enterpriseColumn: 'pl.enterprise_id',
    districtColumn: 'pl.district_code',
    fillingSiteColumn: 'pl.id',
    checkpointColumn: 'pl.id',
  },
  enterpriseIdColumn: 'pl.enterprise_id',
  label: { zh: '场所', en: 'Place' },
  search: ['pl.name', 'pl.address'],
  defaultSort: 'pl.name',
  fields: [
    ...commonFields('pl'),
    {
      key: 'kind',
      column: 'kind',
      type: 'string',
      required: true,
      immutable: true,
      enum: ['parking_lot', 'chemical_park', 'filling_site', 'checkpoint'],
      label: { zh: '场所类型', en: 'Kind' },
      filter: 'eq',
    },
    {
      key: 'enterpriseId',
      column: 'enterprise_id',
      select: 'pl.enterprise_id',
      type: 'uuid',
      immutable: true,
      label: { zh: '所属企业', en: 'Enterprise' },
      filter: 'eq',
    },
    {
      key: 'districtCode',
      column: 'district_code',
      select: 'pl.district_code',
      type: 'string',
      required: true,
      label: { zh: '所属县区', en: 'District' },
      check: (v) => (districtByCode(String(v)) ? null : 'district.unknown'),
      filter: 'eq',
    },
    {
      key: 'name',
      column: 'name',
      select: 'pl.name',
      type: 'string',
      required: true,
      maxLength: 100,
      label: { zh: '名称', en: 'Name' },
      filter: 'contains',
    },
    {
      key: 'address',
      column: 'address',
      select: 'pl.address',
      type: 'string',
      maxLength: 200,
      label: { zh: '地址', en: 'Address' },
    },
    {
      key: 'polygon',
      column: 'polygon',
      type: 'json',
      required: true,
      label: { zh: '范围 (GeoJSON 多边形)', en: 'Outline (GeoJSON Polygon)' },
      check: (v) => (polygonProblem(v) ? 'polygon.invalid' : null),
    },
    {
      key: 'areaM2',
      column: 'area_m2',
      type: 'integer',
      min: 1,
      label: { zh: '面积 (m²)', en: 'Area (m²)' },
    },
    {
      key: 'spaces',
      column: 'spaces',
      type: 'integer',
      min: 0,
      max: 100_000,
      label: { zh: '停车位', en: 'Parking spaces' },
    },
    {
      key: 'centreLon',
      column: 'centre_lon',
      type: 'number',
      readOnly: true,
      label: { zh: '中心经度', en: 'Centre longitude' },
    },
    {
      key: 'centreLat',
      column: 'centre_lat',
      type: 'number',
      readOnly: true,
      label: { zh: '中心纬度', en: 'Centre latitude' },
    },
    {
      key: 'operatingStatus',
      column: 'operating_status',
      select: 'pl.operating_status',
      type: 'string',
      enum: ['active', 'closed'],
      label: { zh: '状态', en: 'Status' },
      filter: 'eq',
    },
  ],
  derive(r) {
    if (polygonProblem(r.polygon)) return {};
    const [lon, lat] = polygonCentre(r.polygon as never);
    return {
      centreLon: lon,
      centreLat: lat,
      ...(r.areaM2 ? {} : { areaM2: Math.round(polygonAreaM2(r.polygon as never)) }),
    };
  },
  validateRecord(r) {
    return r.kind === 'parking_lot' && !r.enterpriseId ? [{ field: 'enterpriseId', reason: 'required' }] : [];
  },
};
