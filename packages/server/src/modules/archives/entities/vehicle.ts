import { certificateField, commonFields, ownerFields, type EntitySpec } from '../resource/spec.js';
import { checkPlate, normalizePlate, plateKind } from '../validation/plate.js';
import { checkVin } from '../validation/vin.js';

const TANKED = ['rigid_tank', 'trailer'];

/** 车辆: tractor, trailer, rigid tank truck or van, with its certificates and (tank vehicles) tank. */
export const vehicleSpec: EntitySpec = {
  type: 'vehicle',
  path: 'vehicles',
  table: 'vehicles',
  alias: 'v',
  from: 'vehicles v JOIN enterprises e ON e.id = v.enterprise_id LEFT JOIN tanks t ON t.vehicle_id = v.id',
  scope: { enterpriseColumn: 'v.enterprise_id', districtColumn: 'e.district_code' },
  enterpriseIdColumn: 'v.enterprise_id',
  label: { zh: '车辆', en: 'Vehicle' },
  search: ['v.plate', 'v.vin', 'e.name'],
  defaultSort: 'v.plate',
  child: { table: 'tanks', alias: 't', foreignKey: 'vehicle_id', holderType: 'tank', presentWhen: 'tankNo' },
  fields: [
    ...commonFields('v'),
    ...ownerFields('v', [
      {
        key: 'enterpriseName',
        column: 'name',
        select: 'e.name',
        type: 'string',
        readOnly: true,
        label: { zh: '企业名称', en: 'Enterprise name' },
      },
    ]),
    {
      key: 'vehicleType',
      column: 'vehicle_type',
      type: 'string',
      required: true,
      enum: ['tractor', 'trailer', 'rigid_tank', 'van'],
      label: { zh: '车辆类型', en: 'Vehicle type' },
      filter: 'eq',
    },
    {
      key: 'plate',
      column: 'plate',
      type: 'string',
      required: true,
      label: { zh: '车牌号', en: 'Plate' },
      normalize: (v) => normalizePlate(String(v)),
      check: (v) => {
        const p = checkPlate(String(v));
        return p ? `plate.${p}` : null;
      },
      filter: 'contains',
    },
    {
      key: 'plateColour',
      column: 'plate_colour',
      type: 'integer',
      required: true,
      enum: ['1', '2', '3', '4', '9'],
      label: { zh: '车牌颜色', en: 'Plate colour' },
    },
    {
      key: 'vin',
      column: 'vin',
      type: 'string',
      required: true,
      label: { zh: '车辆识别代号', en: 'VIN' },
      normalize: (v) => String(v).trim().toUpperCase(),
      check: (v) => {
        const p = checkVin(String(v));
        return p ? `vin.${p}` : null;
      },
      filter: 'eq',
    },
    {
      key: 'scopeClasses',
      column: 'scope_classes',
      type: 'classes',
      required: true,
      label: { zh: '经营范围 (类别)', en: 'Business scope (classes)' },
    },
    {
      key: 'transportClass',
      column: 'transport_class',
      type: 'integer',
      min: 1,
      max: 9,
      label: { zh: '主要运输类别', en: 'Main transport class' },
      filter: 'eq',
    },
    {
      key: 'technicalGrade',
      column: 'technical_grade',
      type: 'integer',
      required: true,
      min: 1,
      max: 3,
      label: { zh: '技术等级', en: 'Technical grade' },
    },
    {
      key: 'ratedLoadKg',
      column: 'rated_load_kg',
      type: 'integer',
      required: true,
      min: 0,
      max: 100_000,
      label: { zh: '核定载质量 (kg)', en: 'Rated load (kg)' },
    },
    {
      key: 'operatingStatus',
      column: 'operating_status',
      type: 'string',
      enum: ['active', 'suspended', 'scrapped', 'transferred'],
      label: { zh: '营运状态', en: 'Operating status' },
      filter: 'eq',
    },
    certificateField('road_transport_cert', 'number', 'self', {
      key: 'roadCertNo',
      required: true,
      maxLength: 50,
      label: { zh: '道路运输证号', en: 'Road transport certificate' },
    }),
    certificateField('road_transport_cert', 'valid_until', 'self', {
      key: 'roadCertValidUntil',
      required: true,
      label: { zh: '道路运输证有效期至', en: 'Road certificate valid until' },
    }),
    certificateField('annual_review', 'valid_until', 'self', {
      key: 'annualReviewValidUntil',
      required: true,
      label: { zh: '年审有效期至', en: 'Annual review valid until' },
    }),
    {
      key: 'insurer',
      column: 'insurer',
      type: 'string',
      maxLength: 60,
      label: { zh: '承运人责任险保险公司', en: 'Liability insurer' },
    },
    {
      key: 'insuranceAmountYuan',
      column: 'insurance_amount_yuan',
      type: 'integer',
      min: 1,
      label: { zh: '保险金额 (元)', en: 'Insured amount (yuan)' },
    },
    certificateField('liability_insurance', 'number', 'self', {
      key: 'insurancePolicyNo',
      maxLength: 50,
      label: { zh: '保单号', en: 'Policy number' },
    }),
    certificateField('liability_insurance', 'valid_until', 'self', {
      key: 'insuranceValidUntil',
      label: { zh: '保险有效期至', en: 'Insurance valid until' },
    }),
    {
      // The tank's own id, for waybills (which name the tank they carry goods in).
      key: 'tankId',
      column: 'id',
      select: 't.id',
      type: 'uuid',
      label: { zh: '罐体ID', en: 'Tank ID' },
      readOnly: true,
      storage: 'child',
    },
    {
      key: 'tankNo',
      column: 'tank_no',
      select: 't.tank_no',
      type: 'string',
      maxLength: 40,
      label: { zh: '罐体编号', en: 'Tank number' },
      storage: 'child',
    },
    {
      key: 'tankVolumeM3',
      column: 'volume_m3',
      select: 't.volume_m3::float8',
      type: 'number',
      min: 0.1,
      max: 100,
      label: { zh: '罐体容积 (m³)', en: 'Tank volume (m³)' },
      storage: 'child',
    },
    {
      key: 'tankDesignMedium',
      column: 'design_medium',
      select: 't.design_medium',
      type: 'string',
      maxLength: 60,
      label: { zh: '设计介质', en: 'Design medium' },
      storage: 'child',
    },
    certificateField('tank_inspection', 'number', 'child', {
      key: 'tankInspectionNo',
      maxLength: 50,
      label: { zh: '罐体检验报告号', en: 'Tank inspection report' },
    }),
    certificateField('tank_inspection', 'valid_until', 'child', {
      key: 'tankInspectionValidUntil',
      label: { zh: '罐体检验有效期至', en: 'Tank inspection valid until' },
    }),
  ],
  validateRecord(r) {
    const out: { field: string; reason: string }[] = [];
    const type = String(r.vehicleType ?? '');
    if (r.plateColour !== undefined && Number(r.plateColour) !== 2)
      out.push({ field: 'plateColour', reason: 'plate.colour_hazmat' });
    if (typeof r.plate === 'string') {
      const isTrailerPlate = plateKind(r.plate) === 'trailer';
      if ((type === 'trailer') !== isTrailerPlate) out.push({ field: 'plate', reason: 'plate.trailer' });
    }
    // 道路危险货物运输管理规定 第二十三条: 车辆技术等级达到一级.
    if (r.technicalGrade !== undefined && Number(r.technicalGrade) !== 1)
      out.push({ field: 'technicalGrade', reason: 'technical_grade.not_first' });
    const hasTank = r.tankNo !== undefined && r.tankNo !== null;
    if (TANKED.includes(type) && !hasTank) out.push({ field: 'tankNo', reason: 'tank.required' });
    if (!TANKED.includes(type) && hasTank) out.push({ field: 'tankNo', reason: 'tank.not_allowed' });
    if (hasTank && (r.tankVolumeM3 === undefined || r.tankVolumeM3 === null))
      out.push({ field: 'tankVolumeM3', reason: 'required' });
    return out;
  },
};
