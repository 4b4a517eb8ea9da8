/**
 * The goods module: the dangerous-goods catalogue and the emergency cards. At registration it
 * brings the built-in rows up to date, so every module registered after it can rely on them.
 */
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { registerEmergencyCardRoutes } from './emergency/routes.js';
import { registerGoodsRoutes } from './routes.js';
import { syncBuiltinGoods } from './sync.js';

export const goodsModule: ModulePlugin = async (app: App, deps: AppDeps) => {
  await syncBuiltinGoods(deps.db);
  await registerGoodsRoutes(app, deps);
  await registerEmergencyCardRoutes(app, deps);
};
