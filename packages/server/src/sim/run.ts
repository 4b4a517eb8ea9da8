/**
 * Starts a simulated fleet against a gateway: used by `npm run sim` (cli.ts) and by the gateway
 * module when `npm start` runs in demo mode with SIM_VEHICLES > 0.
 */
import type { Queryable } from '../platform/db/db.js';
import { parseBehaviours } from './behaviours.js';
import { Fleet, loadDriverCards, loadFleet, loadPlaces, loadRoutes, type FleetOptions } from './fleet.js';

/** `behaviours` is SIM_BEHAVIOURS' text (`overspeed,fatigue:2`); the first vehicles get them. */
export async function startFleet(
  db: Queryable,
  vehicles: number,
  options: FleetOptions & { behaviourList?: string },
): Promise<Fleet> {
  const [list, places] = await Promise.all([loadFleet(db, vehicles), loadPlaces(db)]);
  const fleet = new Fleet(list, places, {
    overspeedShare: 0.05,
    signalLossShare: 0.1,
    invalidShare: 0.02,
    routes: (ids) => loadRoutes(db, ids),
    driverCards: (ids, escorts) => loadDriverCards(db, ids, escorts),
    ...options,
    behaviours: options.behaviours ?? parseBehaviours(options.behaviourList ?? ''),
  });
  fleet.start();
  return fleet;
}
