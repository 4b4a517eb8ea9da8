/**
 * The assessment hook (考核处罚): capacity limits or assessment sanctions on a carrier stop its
 * waybills (check ENTERPRISE_SANCTIONED). The assessment module does not exist yet; it will
 * implement `SanctionSource` and be passed to the waybills module. Until then the module uses
 * `noSanctionSource`, which has nothing to report — no carrier is sanctioned.
 */
import type { Queryable } from '../../platform/db/db.js';

export interface Sanction {
  /** Stable kind, e.g. 'capacity_limit', 'assessment_suspension'. */
  kind: string;
  reason: string;
  /** ISO instant, or null when open-ended. */
  until: string | null;
}

export interface SanctionSource {
  /** Sanctions in force on the enterprise at `at`. */
  sanctionsOn(db: Queryable, enterpriseId: string, at: Date): Promise<Sanction[]>;
}

/** The default until the assessment issue lands: no sanctions are recorded anywhere. */
export const noSanctionSource: SanctionSource = {
  sanctionsOn: () => Promise.resolve([]),
};
