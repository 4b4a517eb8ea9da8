/**
 * Display names of the archive specs' enum values and certificate kinds (the specs carry the
 * field labels; the values' names live here). An unknown value is shown as it is.
 */
import type { Lang } from '../i18n/dict.js';

type Names = Record<string, { zh: string; en: string }>;

const byField: Record<string, Names> = {
  vehicleType: {
    tractor: { zh: '牵引车', en: 'Tractor' },
    trailer: { zh: '挂车', en: 'Trailer' },
    rigid_tank: { zh: '罐式单车', en: 'Rigid tank truck' },
    van: { zh: '厢式货车', en: 'Van' },
  },
  // JT/T 808 plate colours; hazmat vehicles carry yellow plates (2).
  plateColour: {
    '1': { zh: '蓝色', en: 'Blue' },
    '2': { zh: '黄色', en: 'Yellow' },
    '3': { zh: '黑色', en: 'Black' },
    '4': { zh: '白色', en: 'White' },
    '9': { zh: '其他', en: 'Other' },
  },
  operatingStatus: {
    active: { zh: '正常', en: 'Active' },
    suspended: { zh: '停业/报停', en: 'Suspended' },
    withdrawn: { zh: '已注销', en: 'Withdrawn' },
    scrapped: { zh: '已报废', en: 'Scrapped' },
    transferred: { zh: '已转籍', en: 'Transferred' },
    closed: { zh: '已关闭', en: 'Closed' },
  },
  roles: {
    driver: { zh: '驾驶员', en: 'Driver' },
    escort: { zh: '押运员', en: 'Escort' },
    loading_supervisor: { zh: '装卸管理人员', en: 'Loading supervisor' },
  },
  employmentStatus: { employed: { zh: '在职', en: 'Employed' }, left: { zh: '离职', en: 'Left' } },
  kind: {
    parking_lot: { zh: '停车场', en: 'Parking lot' },
    chemical_park: { zh: '化工园区', en: 'Chemical park' },
    filling_site: { zh: '充装单位', en: 'Filling site' },
    checkpoint: { zh: '检查站', en: 'Checkpoint' },
  },
  filingStatus: {
    draft: { zh: '草稿', en: 'Draft' },
    submitted: { zh: '待县区审核', en: 'Awaiting county review' },
    county_approved: { zh: '待市级批准', en: 'Awaiting city approval' },
    filed: { zh: '已备案', en: 'Filed' },
    rejected: { zh: '已驳回', en: 'Rejected' },
  },
};

const certificateKinds: Names = {
  operating_permit: { zh: '道路运输经营许可证', en: 'Operating permit' },
  road_transport_cert: { zh: '道路运输证', en: 'Road transport certificate' },
  annual_review: { zh: '年审', en: 'Annual review' },
  liability_insurance: { zh: '承运人责任险', en: 'Carrier liability insurance' },
  tank_inspection: { zh: '罐体检验报告', en: 'Tank inspection' },
  qualification: { zh: '从业资格证', en: 'Qualification certificate' },
  driving_licence: { zh: '驾驶证', en: 'Driving licence' },
};

function pick(names: Names | undefined, value: string, lang: Lang): string {
  const n = names?.[value];
  return n ? (lang === 'en' ? n.en : n.zh) : value;
}

export function enumLabel(field: string, value: string, lang: Lang): string {
  return pick(byField[field], value, lang);
}

export function certificateKindLabel(kind: string, lang: Lang): string {
  return pick(certificateKinds, kind, lang);
}
