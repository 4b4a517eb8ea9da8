/**
 * Runs every automatic check over a loaded context, in a fixed order (carrier, vehicle, trailer,
 * tank, people, goods, operations). A check that does not apply (no trailer, no tank) gives no
 * result rather than a pass.
 */
import type { CheckResult } from '../check-codes.js';
import {
  enterpriseFiled,
  enterpriseNotSanctioned,
  enterpriseOperating,
  enterprisePermit,
  enterpriseScope,
} from './carrier.js';
import type { CheckContext } from './context.js';
import { goodsClass, goodsKnown, ratedLoad, specialPermit, tankCapacity } from './goods.js';
import { noOtherActive, terminalOnline } from './operations.js';
import { personChecks } from './people.js';
import { tankGiven, tankInspection, tankMedium, tankVolume, vehicleChecks } from './vehicle.js';

export function runChecks(ctx: CheckContext): CheckResult[] {
  const out: (CheckResult | null)[] = [
    enterpriseFiled(ctx),
    enterpriseOperating(ctx),
    enterprisePermit(ctx),
    enterpriseScope(ctx),
    enterpriseNotSanctioned(ctx),
    ...vehicleChecks(ctx, 'VEHICLE'),
    ...vehicleChecks(ctx, 'TRAILER'),
    tankGiven(ctx),
    tankInspection(ctx),
    tankVolume(ctx),
    tankMedium(ctx),
    ...personChecks(ctx, 'DRIVER'),
    ...personChecks(ctx, 'ESCORT'),
    goodsKnown(ctx),
    goodsClass(ctx),
    ratedLoad(ctx),
    tankCapacity(ctx),
    specialPermit(ctx),
    terminalOnline(ctx),
    noOtherActive(ctx),
  ];
  return out.filter((r): r is CheckResult => r !== null);
}
