/**
 * The goods module: the dangerous-goods catalogue. At registration it brings the built-in rows
 * up to date, so every module registered after it can rely on them.
 */
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { syncBuiltinGoods } from './sync.js';

export const goodsModule: ModulePlugin = async (_app: App, deps: AppDeps) => {
  await syncBuiltinGoods(deps.db);
};
