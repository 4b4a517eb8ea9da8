/**
 * Districts of the modelled city and the fixed ids of the demo data set. The archives module's
 * demo data set creates enterprises and places with exactly these ids, so the demo accounts below
 * see real data. Documented in docs/demo-accounts.md.
 */
import type { Scope } from '../../platform/auth.js';
import type { UserRole } from './repository.js';

/**
 * Districts (县区) of Panjin. The first four are GB/T 2260 codes. 辽东湾新区 is a functional zone
 * with no GB/T 2260 code of its own: 211190 is Weiyun's own code for it, not an official one.
 */
export const districts = [
  { code: '211102', name: '双台子区', nameEn: 'Shuangtaizi District' },
  { code: '211103', name: '兴隆台区', nameEn: 'Xinglongtai District' },
  { code: '211104', name: '大洼区', nameEn: 'Dawa District' },
  { code: '211122', name: '盘山县', nameEn: 'Panshan County' },
  { code: '211190', name: '辽东湾新区', nameEn: 'Liaodong Bay New Area (Weiyun code, not GB/T 2260)' },
] as const;

export function isDistrictCode(code: string): boolean {
  return districts.some((d) => d.code === code);
}

/** Fixed ids of the demo enterprises and places; the archives demo data set reuses them. */
export const demoScopeIds = {
  enterprises: {
    /** 盘锦华运危货运输有限公司 (兴隆台区 211103) */
    huayun: '7e000000-0000-4000-8000-000000000001',
    /** 辽河石化物流有限公司 (大洼区 211104) */
    liaohe: '7e000000-0000-4000-8000-000000000002',
  },
  fillingSites: {
    /** 辽东湾新区 LNG/LPG 充装站 (211190) */
    liaodongBay: '7f000000-0000-4000-8000-000000000001',
  },
  checkpoints: {
    /** G305 双台子登记点, 双台子区 (211102) */
    g305: '7c000000-0000-4000-8000-000000000001',
  },
} as const;

/** The shared password of every demo account (demo mode only; never created in production). */
export const DEMO_PASSWORD = 'Weiyun@demo1';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: UserRole;
  scope: Scope;
}

export const demoAccounts: readonly DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'system_admin', scope: { kind: 'city' } },
  { username: 'city', displayName: '市交通运输局监管员', role: 'city_regulator', scope: { kind: 'city' } },
  {
    username: 'county.xinglongtai',
    displayName: '兴隆台区监管分中心',
    role: 'county_regulator',
    scope: { kind: 'district', districtCode: '211103' },
  },
  {
    username: 'county.dawa',
    displayName: '大洼区监管分中心',
    role: 'county_regulator',
    scope: { kind: 'district', districtCode: '211104' },
  },
  {
    username: 'huayun.admin',
    displayName: '华运企业管理员',
    role: 'enterprise_admin',
    scope: { kind: 'enterprise', enterpriseId: demoScopeIds.enterprises.huayun },
  },
  {
    username: 'huayun.monitor',
    displayName: '华运监控员',
    role: 'enterprise_monitor',
    scope: { kind: 'enterprise', enterpriseId: demoScopeIds.enterprises.huayun },
  },
  {
    username: 'liaohe.admin',
    displayName: '辽河石化物流企业管理员',
    role: 'enterprise_admin',
    scope: { kind: 'enterprise', enterpriseId: demoScopeIds.enterprises.liaohe },
  },
  {
    username: 'filling.liaodongbay',
    displayName: '辽东湾充装站操作员',
    role: 'filling_operator',
    scope: { kind: 'filling_site', placeId: demoScopeIds.fillingSites.liaodongBay },
  },
  {
    username: 'checkpoint.g305',
    displayName: 'G305 登记点检查员',
    role: 'checkpoint_officer',
    scope: { kind: 'checkpoint', placeId: demoScopeIds.checkpoints.g305 },
  },
  {
    username: 'emergency',
    displayName: '应急救援人员',
    role: 'emergency_responder',
    scope: { kind: 'city' },
  },
];
