/**
 * The goods module's data for the route walker. The catalogue is city-wide reference data, not
 * any tenant's, so a tenant owns no UN number: the walker's `:unNumber` is one no catalogue has
 * ('0000' is never assigned), which every reader must answer 404 and no scoped role may write
 * (goods:write is the city's). Emergency cards take their plate or number in the query string,
 * and their scope is tested in emergency/routes.test.ts.
 */
import type { ScopeFixture } from '../../testing/scope-walk.js';

export const goodsScopeFixture: ScopeFixture = {
  module: 'goods',
  async create(db, t) {
    return {
      params: { unNumber: '0000' },
      bodies: {
        'PUT /api/goods/:unNumber': {
          nameZh: `测试品名 ${t.marker}`,
          nameEn: `Test entry ${t.marker}`,
          hazardClass: '3',
          packingGroups: ['II'],
          physicalState: 'liquid',
        },
      },
      async snapshot() {
        const { rows } = await db.query(
          `SELECT un_number, version, source FROM goods WHERE source <> 'builtin' OR un_number = '0000' ORDER BY un_number`,
        );
        return rows;
      },
    };
  },
};
