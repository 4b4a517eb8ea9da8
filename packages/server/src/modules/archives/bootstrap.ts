/**
 * First start in demo mode: an empty archive gets the Panjin demo dataset, with the enterprises,
 * filling site and checkpoint that the demo accounts are scoped to (modules/accounts/demo.ts).
 * Production mode never loads demo data.
 */
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/db.js';
import { demoScopeIds } from '../accounts/demo.js';
import { loadDemoBans, loadDemoRestrictedZone } from '../rules/demo.js';
import { loadPanjinDemo, type DemoFixedIds } from './demo/load.js';
import { chinaDay } from './today.js';

const BOOTSTRAP_LOCK = 808_2006;

export const demoFixedIds: DemoFixedIds = {
  enterprises: { '211103': demoScopeIds.enterprises.huayun, '211104': demoScopeIds.enterprises.liaohe },
  enterpriseNames: {
    [demoScopeIds.enterprises.huayun]: '盘锦华运危货运输有限公司',
    [demoScopeIds.enterprises.liaohe]: '辽河石化物流有限公司',
  },
  fillingSite: demoScopeIds.fillingSites.liaodongBay,
  checkpoint: demoScopeIds.checkpoints.g305,
};

export type ArchivesBootstrap = { loaded: false } | { loaded: true; rows: number; ms: number };

export async function bootstrapArchives(
  db: Db,
  config: Pick<Config, 'WEIYUN_MODE'>,
  now = new Date(),
): Promise<ArchivesBootstrap> {
  if (config.WEIYUN_MODE !== 'demo') return { loaded: false };
  const started = Date.now();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises');
    if ((rows[0]?.n ?? 0) > 0) return { loaded: false as const };
    const loaded = await loadPanjinDemo(tx, { today: chinaDay(now), fixed: demoFixedIds });
    await loadDemoBans(tx);
    await loadDemoRestrictedZone(tx);
    return { loaded: true as const, rows: loaded.rows, ms: Date.now() - started };
  });
}
