import { alarmsScopeFixture } from '../modules/alarms/scope-fixture.js';
import { accountsScopeFixture } from '../modules/accounts/scope-fixture.js';
import { archivesScopeFixture } from '../modules/archives/scope-fixture.js';
import { gatewayScopeFixture } from '../modules/gateway/scope-fixture.js';
import { goodsScopeFixture } from '../modules/goods/scope-fixture.js';
import { positionsScopeFixture } from '../modules/positions/scope-fixture.js';
import { verificationScopeFixture } from '../modules/verification/scope-fixture.js';
import { rulesScopeFixture } from '../modules/rules/scope-fixture.js';
import { waybillsScopeFixture } from '../modules/waybills/scope-fixture.js';
import type { ScopeFixture } from './scope-walk.js';

/** Every module's scope fixture for the route walker. Each module with routes adds its own here. */
export const scopeFixtures: readonly ScopeFixture[] = [
  accountsScopeFixture,
  archivesScopeFixture,
  gatewayScopeFixture,
  alarmsScopeFixture,
  goodsScopeFixture,
  positionsScopeFixture,
  verificationScopeFixture,
  rulesScopeFixture,
  waybillsScopeFixture,
];
