/**
 * The console's pages and the menu built from the caller's permissions (GET /api/auth/me).
 * A page is listed only when the role holds what its API needs, so nobody sees a page that
 * would answer 403.
 */
import type { MessageKey } from '../i18n/dict.js';

export type PageId =
  | 'dashboard'
  | 'map'
  | 'alarms'
  | 'track'
  | 'enterprises'
  | 'vehicles'
  | 'terminals'
  | 'personnel'
  | 'places'
  | 'certificates'
  | 'review'
  // waybills
  | 'waybills'
  | 'filling'
  | 'checkpoint'
  | 'emergencyCards'
  // pages: regulators' zones and bans, the usage rate, the control-room screen
  | 'geofences'
  | 'bans'
  | 'params'
  | 'usage'
  | 'bigScreen'
  // accounts: administration
  | 'users'
  | 'apiKeys'
  | 'audit';

export interface PageDef {
  id: PageId;
  path: string;
  label: MessageKey;
  permission: string;
  group?: 'archives' | 'waybills' | 'rules' | 'system';
  /** Shown without the menu and header (the control room's 大屏). */
  fullScreen?: boolean;
}

export const pages: readonly PageDef[] = [
  { id: 'dashboard', path: '/', label: 'menu.dashboard', permission: 'archives:read' },
  { id: 'map', path: '/map', label: 'menu.map', permission: 'archives:read' },
  { id: 'alarms', path: '/alarms', label: 'menu.alarms', permission: 'alarms:read' },
  { id: 'track', path: '/track', label: 'menu.track', permission: 'positions:read' },
  {
    id: 'enterprises',
    path: '/archives/enterprises',
    label: 'menu.enterprises',
    permission: 'archives:read',
    group: 'archives',
  },
  {
    id: 'vehicles',
    path: '/archives/vehicles',
    label: 'menu.vehicles',
    permission: 'archives:read',
    group: 'archives',
  },
  {
    id: 'terminals',
    path: '/archives/terminals',
    label: 'menu.terminals',
    permission: 'archives:read',
    group: 'archives',
  },
  {
    id: 'personnel',
    path: '/archives/personnel',
    label: 'menu.personnel',
    permission: 'archives:read',
    group: 'archives',
  },
  {
    id: 'places',
    path: '/archives/places',
    label: 'menu.places',
    permission: 'archives:read',
    group: 'archives',
  },
  {
    id: 'certificates',
    path: '/archives/certificates',
    label: 'menu.certificates',
    permission: 'archives:read',
    group: 'archives',
  },
  {
    id: 'review',
    path: '/archives/review',
    label: 'menu.review',
    permission: 'archives:review',
    group: 'archives',
  },
  // waybills
  {
    id: 'waybills',
    path: '/waybills',
    label: 'menu.waybills',
    permission: 'waybills:read',
    group: 'waybills',
  },
  {
    id: 'filling',
    path: '/waybills/filling',
    label: 'menu.filling',
    permission: 'waybills:fill',
    group: 'waybills',
  },
  {
    id: 'checkpoint',
    path: '/waybills/checkpoint',
    label: 'menu.checkpoint',
    permission: 'waybills:verify',
    group: 'waybills',
  },
  {
    id: 'emergencyCards',
    path: '/waybills/emergency-cards',
    label: 'menu.emergencyCards',
    permission: 'emergency_cards:read',
    group: 'waybills',
  },
  // pages: regulators' zones and bans, the usage rate, the control-room screen
  {
    id: 'usage',
    path: '/waybills/usage',
    label: 'menu.usage',
    permission: 'waybills:read',
    group: 'waybills',
  },
  {
    id: 'geofences',
    path: '/rules/geofences',
    label: 'menu.geofences',
    permission: 'rules:write',
    group: 'rules',
  },
  { id: 'bans', path: '/rules/bans', label: 'menu.bans', permission: 'rules:write', group: 'rules' },
  // Thresholds: what alarms are measured against — regulators edit them, companies read theirs.
  { id: 'params', path: '/rules/params', label: 'menu.params', permission: 'alarms:read', group: 'rules' },
  // accounts: administration (system admin, company admins; the audit log for the city too)
  { id: 'users', path: '/system/users', label: 'menu.users', permission: 'users:read', group: 'system' },
  {
    id: 'apiKeys',
    path: '/system/api-keys',
    label: 'menu.apiKeys',
    permission: 'api_keys:read',
    group: 'system',
  },
  { id: 'audit', path: '/system/audit', label: 'menu.audit', permission: 'audit:read', group: 'system' },
  {
    id: 'bigScreen',
    path: '/big-screen',
    label: 'menu.bigScreen',
    permission: 'alarms:read',
    fullScreen: true,
  },
];

export function allowedPages(permissions: readonly string[]): PageDef[] {
  return pages.filter((p) => permissions.includes(p.permission));
}

/** The page a path shows; unknown or forbidden paths fall back to the first allowed page. */
export function pageForPath(path: string, permissions: readonly string[]): PageDef | null {
  const allowed = allowedPages(permissions);
  const clean = path.replace(/\/+$/, '') || '/';
  return allowed.find((p) => p.path === clean) ?? allowed[0] ?? null;
}
