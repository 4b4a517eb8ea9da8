/**
 * The alarms module's data for the route walker: per tenant one open alarm (with a step), one
 * handled alarm awaiting review, a supervision order to the tenant's company and a duty check,
 * all carrying the tenant's marker, and valid bodies aimed at them. Rows are inserted directly
 * (no foreign keys into the archives, whose fixture runs concurrently). Deadlines lie far ahead
 * so the deadline clock never changes them during the walk.
 */
import { randomUUID } from 'node:crypto';
import type { ScopeFixture } from '../../testing/scope-walk.js';

const FAR = '2099-01-01T00:00:00Z';

export const alarmsScopeFixture: ScopeFixture = {
  module: 'alarms',
  async create(db, t) {
    const alarm = async (status: string, level: string) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO alarms (id, source_id, source, type, severity, vehicle_id, plate, enterprise_id, district_code,
           status, level, episode, started_at, opened_at, last_event_at, evidence, deadline_at)
         VALUES ($1, $2, 'rule', 'overspeed', 'high', $3, $4, $5, $6, $7, $8, 'active', '2026-11-01T00:00:00Z',
           '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', $9::jsonb, $10)`,
        [
          id,
          `rule/walker-${t.marker}-${id}`,
          randomUUID(),
          `辽L${t.marker}`,
          t.enterpriseId,
          t.districtCode,
          status,
          level,
          JSON.stringify({ note: t.marker }),
          FAR,
        ],
      );
      await db.query(
        `INSERT INTO alarm_steps (alarm_id, action, to_status, level, at, note)
         VALUES ($1, 'opened', 'pending', 'company', '2026-11-01T00:00:00Z', $2)`,
        [id, t.marker],
      );
      return id;
    };
    const alarmId = await alarm('pending', 'company');
    const handledId = await alarm('handled', 'county');
    const orderId = randomUUID();
    await db.query(
      `INSERT INTO supervision_orders (id, alarm_id, target, enterprise_id, district_code, content, deadline_at, status,
         issued_by, issued_by_name, issued_at)
       VALUES ($1, $2, 'company', $3, $4, $5, $6, 'open', 'city', 'city', '2026-11-01T00:00:00Z')`,
      [orderId, alarmId, t.enterpriseId, t.districtCode, `督办 ${t.marker}`, FAR],
    );
    const dutyCheckId = randomUUID();
    await db.query(
      `INSERT INTO duty_checks (id, enterprise_id, district_code, issuer_level, issued_by, issued_by_name, prompt,
         issued_at, answer_within_seconds)
       VALUES ($1, $2, $3, 'county', 'county', 'county', $4, '2026-11-01T00:00:00Z', 600)`,
      [dutyCheckId, t.enterpriseId, t.districtCode, `查岗 ${t.marker}`],
    );
    const note = `walker ${t.marker}`;
    return {
      params: { alarmId, orderId, dutyCheckId },
      bodies: {
        'POST /api/alarms/:alarmId/handle': { action: 'correct', note },
        'POST /api/alarms/:alarmId/review': { action: 'return', note },
        'POST /api/alarms/:alarmId/supervise': { action: 'resolve', note },
        'POST /api/alarms/bulk/handle': { alarmIds: [alarmId], action: 'correct', note },
        'POST /api/alarms/bulk/review': { alarmIds: [handledId], action: 'accept', note },
        'POST /api/alarms/bulk/supervise': { alarmIds: [alarmId], action: 'resolve', note },
        'POST /api/alarms/inbox/read': { alarmIds: [alarmId, handledId] },
        'POST /api/supervision-orders': {
          target: 'company',
          alarmId,
          content: `督办 ${t.marker}`,
          deadlineAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        'POST /api/supervision-orders/:orderId/answer': { answer: note },
        'POST /api/supervision-orders/:orderId/decision': { decision: 'close' },
        'POST /api/duty-checks': { enterpriseId: t.enterpriseId, prompt: `查岗 ${t.marker}` },
        'POST /api/duty-checks/:dutyCheckId/answer': { answer: note },
      },
      async snapshot() {
        const q = async (sql: string) => (await db.query(sql, [t.enterpriseId])).rows;
        return {
          alarms: await q('SELECT * FROM alarms WHERE enterprise_id = $1 ORDER BY id'),
          steps: await q(
            'SELECT s.* FROM alarm_steps s JOIN alarms a ON a.id = s.alarm_id WHERE a.enterprise_id = $1 ORDER BY s.id',
          ),
          orders: await q('SELECT * FROM supervision_orders WHERE enterprise_id = $1 ORDER BY id'),
          dutyChecks: await q('SELECT * FROM duty_checks WHERE enterprise_id = $1 ORDER BY id'),
          reads: await q(
            'SELECT r.* FROM alarm_reads r JOIN alarms a ON a.id = r.alarm_id WHERE a.enterprise_id = $1 ORDER BY 1, 2',
          ),
        };
      },
    };
  },
};
