/**
 * Every permission and which role holds it: the one table the authorization hook checks. A route
 * declares `config: { permission }`; 'public' needs no caller; 'self' is any signed-in person
 * (their own session and password). Modules add their permissions here.
 */
import type { Role } from '../../platform/auth.js';

export const permissionCatalog = {
  self: 'Own session: who am I, change own password, log out',
  'users:read': 'List and read accounts in scope',
  'users:write': 'Create, change, disable, delete accounts and reset their passwords in scope',
  'api_keys:read': 'List API keys of machine clients in scope',
  'api_keys:write': 'Create and revoke API keys in scope',
  'audit:read': 'Query the audit log',
  'archives:read':
    'Read, list, export archives (enterprises, vehicles, terminals, personnel, places) and their statistics in scope',
  'archives:write': 'Create, change, delete drafts, import and submit archives for filing in scope',
  'archives:review': 'Review filings: county approval, city approval, rejection and reopening in scope',
  'positions:read': 'Live positions, the live stream and tracks of the vehicles in scope',
  'gateway:read':
    'List live terminal sessions and read terminal command records and IC-card reports in scope',
  'gateway:command':
    'Send commands (text, parameters, location query, tracking) to terminals of vehicles in scope',
  'alarms:read':
    'List and read alarms, their history, statistics, supervision orders and duty checks in scope; the alarm push stream',
  'alarms:handle':
    'Handle own alarms as the company: contact the driver (text to the terminal), corrected, false alarm, escalate',
  'alarms:review':
    'County review of alarms in the district: accept, return to the company, resolve, escalate to the city',
  'alarms:supervise':
    'City oversight: resolve alarms escalated to the city, issue and close supervision orders (督办)',
  'alarms:respond': 'Answer supervision orders and duty checks (查岗) addressed to own county or company',
  'duty_checks:send': 'Send duty checks (查岗) to the monitoring desk of a company in scope',
  'rules:write':
    'Draw geofences (restricted, ban and speed zones) and manage ban windows (限行): the city city-wide, a county in its district',
  'goods:read': 'Read the dangerous-goods catalogue (UN numbers, classes, packing groups, emergency cards)',
  'goods:write': 'Change the dangerous-goods catalogue and import the JT/T 617.3 table',
  'waybills:read': 'List and read electronic waybills, their checks, history and usage statistics in scope',
  'waybills:write': 'Create, change, submit, cancel and advance own company’s electronic waybills',
  'waybills:fill':
    'Filling-site check (充装查验): look up a waybill by plate or number, record weighbridge figures, refuse filling',
  'waybills:verify':
    'Checkpoint verification: look up a waybill by plate or number and record a manual verification',
  'emergency_cards:read': 'Read a waybill’s goods and emergency card by plate or waybill number',
  // Machine-client permissions (granted to API keys, never to people).
  'ingest:positions': 'Post vehicle positions for its own enterprise (company platform)',
  'ingest:checkpoint_passes': 'Post vehicle passes seen by its own checkpoint camera',
} as const;

export type Permission = keyof typeof permissionCatalog;
/** What a route may declare. */
export type RoutePermission = Permission | 'public';

export const machinePermissions = [
  'ingest:positions',
  'ingest:checkpoint_passes',
] as const satisfies readonly Permission[];
export type MachinePermission = (typeof machinePermissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  system_admin: [
    'self',
    'users:read',
    'users:write',
    'api_keys:read',
    'api_keys:write',
    'audit:read',
    'archives:read',
    'archives:write',
    'archives:review',
    'positions:read',
    'gateway:read',
    'gateway:command',
    'alarms:read',
    'goods:read',
    'goods:write',
    'waybills:read',
    'emergency_cards:read',
  ],
  city_regulator: [
    'self',
    'audit:read',
    'archives:read',
    'archives:write',
    'archives:review',
    'positions:read',
    'gateway:read',
    'gateway:command',
    'alarms:read',
    'alarms:supervise',
    'duty_checks:send',
    'rules:write',
    'goods:read',
    'goods:write',
    'waybills:read',
    'emergency_cards:read',
  ],
  county_regulator: [
    'self',
    'archives:read',
    'archives:write',
    'archives:review',
    'positions:read',
    'gateway:read',
    'gateway:command',
    'alarms:read',
    'alarms:review',
    'alarms:respond',
    'duty_checks:send',
    'rules:write',
    'goods:read',
    'waybills:read',
    'emergency_cards:read',
  ],
  enterprise_admin: [
    'self',
    'users:read',
    'users:write',
    'api_keys:read',
    'api_keys:write',
    'archives:read',
    'archives:write',
    'positions:read',
    'gateway:read',
    'gateway:command',
    'alarms:read',
    'alarms:handle',
    'alarms:respond',
    'goods:read',
    'waybills:read',
    'waybills:write',
    'emergency_cards:read',
  ],
  enterprise_monitor: [
    'self',
    'archives:read',
    'positions:read',
    'gateway:read',
    'gateway:command',
    'alarms:read',
    'alarms:handle',
    'alarms:respond',
    'goods:read',
    'waybills:read',
    'waybills:write',
    'emergency_cards:read',
  ],
  // Their own site only (places scoped by id); other archives fail closed for these scopes.
  filling_operator: ['self', 'archives:read', 'goods:read', 'waybills:fill', 'emergency_cards:read'],
  checkpoint_officer: ['self', 'archives:read', 'goods:read', 'waybills:verify', 'emergency_cards:read'],
  emergency_responder: ['self', 'goods:read', 'emergency_cards:read'],
  // A machine actor holds exactly the permissions its API key lists (a subset of machinePermissions).
  machine: [],
};

export function isPermission(p: string): p is RoutePermission {
  return p === 'public' || Object.hasOwn(permissionCatalog, p);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
