import { accountsModule } from './modules/accounts/routes.js';
import { alarmsModule } from './modules/alarms/index.js';
import { archivesModule } from './modules/archives/routes.js';
import { gatewayModule } from './modules/gateway/index.js';
import { goodsModule } from './modules/goods/index.js';
import type { ModulePlugin } from './platform/http/app.js';
import { positionsModule } from './modules/positions/index.js';
import { rulesModule } from './modules/rules/index.js';
import { waybillsModule } from './modules/waybills/index.js';
import { verificationModule } from './modules/verification/index.js';

/**
 * Every domain module's routes, in registration order. Each module adds itself here.
 * accounts stays first: it registers the authentication hook and rate limits for the routes after
 * it. positions comes next: modules after it reach the pipeline as `app.positions`.
 */
export const modules: readonly ModulePlugin[] = [
  accountsModule,
  positionsModule(),
  rulesModule(),
  archivesModule,
  goodsModule,
  gatewayModule,
  alarmsModule,
  waybillsModule,
  verificationModule,
];
