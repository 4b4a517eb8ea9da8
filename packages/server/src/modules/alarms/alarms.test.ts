import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { countsAcrossACommit, TEST_CITY, testDatabases } from '../../platform/db/testing.js';
import { buildApp, type App } from '../../platform/http/app.js';
import type { Scope } from '../../platform/auth.js';
import { accountsModule } from '../accounts/routes.js';
import { bearer, makeSession, makeUser, testConfig } from '../accounts/testing.js';
import { archivesModule } from '../archives/routes.js';
import { CERTIFICATE_EVENTS_SUBJECT } from '../archives/certificates/expiry-job.js';
import { fromRuleEvent, ruleEventSubject } from './events.js';
import { listAlarms } from './repository.js';
import { unread } from './inbox.js';
import { createAlarmsModule, type AlarmsModule } from './index.js';
import { memoryMessenger } from './messenger.js';
import { fileDriver } from '../../gateway/testing.js';
import { company, manualClock, ruleEvent } from './testing.js';

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

async function until<T>(f: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const target of testDatabases()) {
  describe(`alarm handling on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let bus: Bus;
    const clock = manualClock('2026-11-02T01:00:00Z');
    const messenger = memoryMessenger();
    let a: Awaited<ReturnType<typeof company>>;
    let b: Awaited<ReturnType<typeof company>>;
    let as: Record<'monitorA' | 'monitorB' | 'countyA' | 'countyB' | 'city', Record<string, string>>;
    let alarms: AlarmsModule;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      clock.set('2026-11-02T01:00:00Z');
      messenger.sent.length = 0;
      await migrate(db, await loadMigrations());
      bus = createInProcessBus();
      const plugin = createAlarmsModule({ now: clock.now, messenger });
      app = await buildApp(
        { config: testConfig({ ALARM_TICK_INTERVAL_MS: '0' }), db, bus, logger: pino({ level: 'silent' }) },
        [accountsModule, archivesModule, plugin],
      );
      await app.ready();
      alarms = plugin.instance!;
      a = await company(db, '211102', '盘锦甲危运有限公司');
      b = await company(db, '211103', '盘锦乙危运有限公司');
      const who = async (role: Parameters<typeof makeUser>[1], scope: Scope) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      as = {
        monitorA: await who('enterprise_monitor', { kind: 'enterprise', enterpriseId: a.enterpriseId }),
        monitorB: await who('enterprise_monitor', { kind: 'enterprise', enterpriseId: b.enterpriseId }),
        countyA: await who('county_regulator', { kind: 'district', districtCode: '211102' }),
        countyB: await who('county_regulator', { kind: 'district', districtCode: '211103' }),
        city: await who('city_regulator', { kind: 'city' }),
      };
    });
    afterEach(async () => {
      await app.close();
      await bus.close();
      await cleanup();
    });

    const post = (url: string, who: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url, headers: who, payload });
    const get = (url: string, who: Record<string, string>) => app.inject({ url, headers: who });
    const raise = async (over: Parameters<typeof ruleEvent>[1] = {}, c = a) => {
      const signal = fromRuleEvent(ruleEvent(c, over));
      if (typeof signal === 'string') throw new Error(signal);
      return (await alarms.service.ingest(signal))!.id;
    };

    it('turns bus events into one alarm per episode, idempotently, and certificate warnings into alarms', async () => {
      const started = ruleEvent(a);
      const subject = ruleEventSubject('overspeed');
      await bus.publish(subject, encode(started), { msgId: `${started.id}/started` });
      await bus.publish(subject, encode(started)); // a redelivery without msgId: same episode
      await bus.publish(
        subject,
        encode({ ...started, phase: 'updated', at: started.at + 60_000, measured: 104 }),
      );
      await bus.publish(
        subject,
        encode({
          ...started,
          phase: 'ended',
          at: started.at + 120_000,
          endedAt: started.at + 120_000,
          measured: 101,
        }),
      );
      await bus.publish(subject, encode({ ...started, id: 'x', severity: 'info' })); // data quality: no alarm
      await bus.publish(subject, encode('not an event'));
      const alarm = await until(async () => {
        const r = (await get('/api/alarms', as.city)).json();
        return r.items[0]?.episode === 'ended' ? r : null;
      });
      expect(alarm.total).toBe(1);
      // Found by part of its plate, any case, spaces ignored; a plate not there finds nothing;
      // anything but plate characters is refused.
      const part = encodeURIComponent(` ${a.plate.slice(1, 5).toLowerCase()} `);
      expect((await get(`/api/alarms?plate=${part}`, as.city)).json().total).toBe(1);
      expect((await get(`/api/alarms?plate=${encodeURIComponent('辽Z99999')}`, as.city)).json().total).toBe(
        0,
      );
      expect((await get(`/api/alarms?plate=${encodeURIComponent('%_')}`, as.city)).statusCode).toBe(400);
      expect(alarm.items[0]).toMatchObject({
        type: 'overspeed',
        severity: 'high',
        status: 'pending',
        level: 'company',
        plate: a.plate,
        enterpriseId: a.enterpriseId,
        districtCode: '211102',
        measured: 101, // the latest event's value
        threshold: 80,
        deadlineAt: '2026-11-02T01:10:00.000Z',
      });

      await bus.publish(
        CERTIFICATE_EVENTS_SUBJECT,
        encode({
          type: 'certificate_expiry',
          certificateId: '0a000000-0000-4000-8000-000000000001',
          holderType: 'vehicle',
          holderId: a.vehicleId,
          enterpriseId: a.enterpriseId,
          districtCode: '211102',
          kind: 'road_transport_certificate',
          number: 'ROAD-1',
          validUntil: '2026-11-09',
          thresholdDays: 7,
          daysLeft: 7,
          today: '2026-11-02',
        }),
        { msgId: 'cert-expiry/0a000000-0000-4000-8000-000000000001/2026-11-09/7' },
      );
      const cert = await until(async () => {
        const r = (await get('/api/alarms?type=certificate_expiry', as.monitorA)).json();
        return r.items[0];
      });
      expect(cert).toMatchObject({ severity: 'medium', vehicleId: a.vehicleId, measured: 7, unit: 'days' });
      const detail = (await get(`/api/alarms/${alarm.items[0].id}`, as.countyA)).json();
      expect(detail.steps.map((s: { action: string }) => s.action)).toEqual(['opened', 'episode_ended']);
    });

    // PGlite has one connection and runs a transaction alone: nothing can commit between its statements.
    it.skipIf(target.name === 'pglite')(
      'a page of alarms and its total, and the inbox and its count, come from one snapshot, though an alarm is committed between the two reads',
      async () => {
        await raise({ startedAt: Date.parse('2026-11-02T00:10:00Z') });
        // A second alarm committed on another connection right after the list's count.
        const list = await countsAcrossACommit(
          db,
          () => raise({ startedAt: Date.parse('2026-11-02T00:20:00Z') }),
          (d) => listAlarms(d, TEST_CITY, { page: 1, pageSize: 50 }),
        );
        expect(list).toEqual({ during: [1, 1], after: [2, 2] });
        // The unread inbox likewise: its count and its newest alarms.
        const inbox = await countsAcrossACommit(
          db,
          () => raise({ startedAt: Date.parse('2026-11-02T00:30:00Z') }),
          async (d) => {
            const r = await unread(d, TEST_CITY, 50);
            return { total: r.unread, items: r.items };
          },
        );
        expect(inbox).toEqual({ during: [2, 2], after: [3, 3] });
      },
    );

    it('names the people an alarm names: the driver, and for a driver mismatch the card’s and the waybill’s', async () => {
      const card = await fileDriver(db, a.enterpriseId, 81, '王卡主');
      const assigned = await fileDriver(db, a.enterpriseId, 82, '赵运单');
      const mismatch = await raise({
        type: 'driver_mismatch',
        key: 'card',
        id: `${a.vehicleId}:driver_mismatch:card:1`,
        driverId: card.personId,
        detail: { cardDriverId: card.personId, waybillDriverId: assigned.personId, escort: false },
      });
      const detail = (await get(`/api/alarms/${mismatch}`, as.monitorA)).json();
      expect(detail.alarm.driverId).toBe(card.personId);
      expect(detail.people).toEqual({ [card.personId]: '王卡主', [assigned.personId]: '赵运单' });
      // An alarm without a driver names nobody; another company's user still sees nothing.
      expect((await get(`/api/alarms/${await raise()}`, as.monitorA)).json().people).toEqual({});
      expect((await get(`/api/alarms/${mismatch}`, as.monitorB)).statusCode).toBe(404);
    });

    it('a batch of signals in one transaction ends as the same signals applied one by one', async () => {
      const signal = (over: Parameters<typeof ruleEvent>[1], c = a) => {
        const sg = fromRuleEvent(ruleEvent(c, over));
        if (typeof sg === 'string') throw new Error(sg);
        return sg;
      };
      const t = Date.parse('2026-11-02T01:00:00Z');
      /** One episode's life: started, a repeat, updated, ended, then a stale update. */
      const episode = (startedAt: number, c = a) => [
        signal({ startedAt, at: startedAt }, c),
        signal({ startedAt, at: startedAt }, c),
        signal(
          { startedAt, at: startedAt + 60_000, phase: 'updated', measured: 110, severity: 'critical' },
          c,
        ),
        signal({ startedAt, at: startedAt + 120_000, endedAt: startedAt + 120_000, phase: 'ended' }, c),
        signal({ startedAt, at: startedAt + 30_000, phase: 'updated', measured: 90 }, c),
      ];
      const stranger = signal(
        { startedAt: t + 10_800_000 },
        { ...a, enterpriseId: '00000000-0000-4000-8000-000000000001' },
      );
      // One by one (the old path), then the same in one batch with another company's episode.
      for (const s of episode(t)) await alarms.service.ingest(s);
      const batch = [...episode(t + 3_600_000), stranger, ...episode(t + 7_200_000, b)];
      const outcomes = await alarms.service.ingestMany(batch);
      expect(outcomes.map((o) => o?.created ?? null)).toEqual([
        true,
        false,
        false,
        false,
        false,
        null,
        true,
        false,
        false,
        false,
        false,
      ]);
      // A redelivered batch changes nothing.
      const again = await alarms.service.ingestMany(batch);
      expect(again.map((o) => o?.created ?? null)).toEqual(outcomes.map((o) => (o ? false : null)));
      expect(again.map((o) => o?.id)).toEqual(outcomes.map((o) => o?.id));

      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT a.source_id, a.enterprise_id, a.plate, a.district_code, a.severity, a.episode, a.status, a.level,
                a.measured, a.version, a.ended_at, a.last_event_at, a.evidence,
                array_agg(s.action ORDER BY s.id) AS steps
           FROM alarms a JOIN alarm_steps s ON s.alarm_id = a.id
          GROUP BY a.id ORDER BY a.started_at`,
      );
      expect(rows).toHaveLength(3);
      const [single, batched, other] = rows as Record<string, unknown>[];
      const strip = (r: Record<string, unknown>) => {
        const { source_id: _s, ended_at: _e, last_event_at: _l, evidence: _v, ...rest } = r;
        return rest;
      };
      expect(strip(batched!)).toEqual(strip(single!));
      expect(single).toMatchObject({
        severity: 'critical',
        episode: 'ended',
        measured: 96,
        version: 4, // the repeat and the update count too; the stale update does not
        steps: ['opened', 'episode_ended'],
        enterprise_id: a.enterpriseId,
      });
      expect(other).toMatchObject({
        enterprise_id: b.enterpriseId,
        district_code: '211103',
        episode: 'ended',
      });
      expect(new Date(batched!.ended_at as string).getTime()).toBe(t + 3_600_000 + 120_000);
    });

    it('company → county workflow over HTTP: text to the driver, corrected, returned, corrected, accepted', async () => {
      const id = await raise();
      // Out of scope: another company and another county see nothing.
      expect((await get(`/api/alarms/${id}`, as.monitorB)).statusCode).toBe(404);
      expect((await get(`/api/alarms/${id}`, as.countyB)).statusCode).toBe(404);
      expect((await post(`/api/alarms/${id}/handle`, as.monitorB, { action: 'correct' })).statusCode).toBe(
        404,
      );
      expect((await post(`/api/alarms/${id}/review`, as.countyA, { action: 'accept' })).json().code).toBe(
        'ALARM_ACTION_LEVEL',
      );

      clock.advance(2);
      let r = await post(`/api/alarms/${id}/handle`, as.monitorA, {
        action: 'contact_driver',
        note: '电话联系司机',
        text: '您已超速，请立即减速慢行',
      });
      expect(r.statusCode).toBe(200);
      expect(r.json().alarm).toMatchObject({
        status: 'processing',
        firstResponseAt: '2026-11-02T01:02:00.000Z',
      });
      expect(messenger.sent).toEqual([{ vehicleId: a.vehicleId, text: '您已超速，请立即减速慢行' }]);

      r = await post(`/api/alarms/${id}/handle`, as.monitorA, { action: 'false_alarm', note: '' });
      expect(r.json().code).toBe('ALARM_NOTE_REQUIRED');
      clock.advance(3);
      r = await post(`/api/alarms/${id}/handle`, as.monitorA, {
        action: 'correct',
        note: '司机已减速至 60 km/h',
      });
      expect(r.json().alarm).toMatchObject({ status: 'handled', level: 'county', handledOnTime: true });

      r = await post(`/api/alarms/${id}/review`, as.countyA, { action: 'return' });
      expect(r.json().code).toBe('ALARM_NOTE_REQUIRED');
      clock.advance(1);
      r = await post(`/api/alarms/${id}/review`, as.countyA, { action: 'return', note: '请上传通话记录' });
      expect(r.json().alarm).toMatchObject({
        status: 'returned',
        level: 'company',
        handledAt: null,
        deadlineAt: '2026-11-02T01:16:00.000Z',
      });
      r = await post(`/api/alarms/${id}/handle`, as.monitorA, {
        action: 'correct',
        note: '已补充通话记录',
        attachments: [{ name: 'call.mp3', url: 'files/call.mp3' }],
      });
      expect(r.json().alarm.status).toBe('handled');
      r = await post(`/api/alarms/${id}/review`, as.countyA, { action: 'accept' });
      expect(r.json().alarm.status).toBe('closed');

      const detail = (await get(`/api/alarms/${id}`, as.city)).json();
      expect(
        detail.steps.map((s: { action: string; toStatus: string }) => `${s.action}→${s.toStatus}`),
      ).toEqual([
        'opened→pending',
        'contact_driver→processing',
        'correct→handled',
        'return→returned',
        'correct→handled',
        'accept→closed',
      ]);
      expect(detail.steps[1].detail).toMatchObject({ commandId: 'mem-1' });
      expect(detail.steps[4].attachments).toEqual([{ name: 'call.mp3', url: 'files/call.mp3' }]);
      const audit = await db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`,
        [id],
      );
      expect(audit.rows.map((x) => x.action)).toEqual([
        'alarm.contact_driver',
        'alarm.correct',
        'alarm.return',
        'alarm.correct',
        'alarm.accept',
      ]);
    });

    it('escalates on passed deadlines company → county → city with the clock; the city resolves', async () => {
      const id = await raise();
      const late = await raise({ id: 'other-episode', severity: 'low' });
      clock.advance(9);
      expect(await alarms.tick()).toEqual({ escalated: 0, ordersOverdue: 0 });
      clock.advance(1);
      expect(await alarms.tick()).toEqual({ escalated: 1, ordersOverdue: 0 });
      let alarm = (await get(`/api/alarms/${id}`, as.countyA)).json().alarm;
      expect(alarm).toMatchObject({ status: 'escalated', level: 'county', overdue: true });
      // The company can no longer handle it; the county holds it.
      expect((await post(`/api/alarms/${id}/handle`, as.monitorA, { action: 'correct' })).json().code).toBe(
        'ALARM_ACTION_LEVEL',
      );
      clock.advance(60);
      expect((await alarms.tick()).escalated).toBe(1);
      alarm = (await get(`/api/alarms/${id}`, as.city)).json().alarm;
      expect(alarm).toMatchObject({ level: 'city', escalations: 2 });
      expect((await post(`/api/alarms/${id}/review`, as.countyA, { action: 'resolve' })).json().code).toBe(
        'ALARM_ACTION_LEVEL',
      );
      const r = await post(`/api/alarms/${id}/supervise`, as.city, {
        action: 'resolve',
        note: '已督促企业整改',
      });
      expect(r.json().alarm).toMatchObject({ status: 'closed', handledOnTime: false });
      // The low alarm (24 h) did not move.
      expect((await get(`/api/alarms/${late}`, as.city)).json().alarm.level).toBe('company');
      const steps = (await get(`/api/alarms/${id}`, as.city)).json().steps;
      expect(steps.map((s: { action: string; level: string }) => `${s.action}@${s.level}`)).toEqual([
        'opened@company',
        'deadline_escalated@county',
        'deadline_escalated@city',
        'resolve@city',
      ]);
    });

    it('bulk handling applies to alarms in scope and reports the rest', async () => {
      const ids = [await raise({ id: 'e1' }), await raise({ id: 'e2' })];
      const other = await raise({ id: 'e3' }, b);
      const r = await post('/api/alarms/bulk/handle', as.monitorA, {
        alarmIds: [...ids, other],
        action: 'false_alarm',
        note: '设备标定错误，已报修',
      });
      expect(r.json().results).toEqual([
        { id: ids[0], ok: true },
        { id: ids[1], ok: true },
        { id: other, ok: false, code: 'NOT_FOUND' },
      ]);
      const review = await post('/api/alarms/bulk/review', as.countyA, { alarmIds: ids, action: 'accept' });
      expect(review.json().results.every((x: { ok: boolean }) => x.ok)).toBe(true);
      expect((await get(`/api/alarms/${other}`, as.city)).json().alarm.status).toBe('pending');
    });

    it('supervision orders: issued by the city, answered by the company, closed; overdue when late', async () => {
      const id = await raise();
      let r = await post('/api/supervision-orders', as.city, {
        target: 'company',
        alarmId: id,
        content: '请立即核实车辆超速情况并整改',
        deadlineAt: '2026-11-02T05:00:00Z',
      });
      expect(r.statusCode).toBe(201);
      const order = r.json().order;
      expect(order).toMatchObject({ status: 'open', enterpriseId: a.enterpriseId, districtCode: '211102' });
      expect((await get(`/api/alarms/${id}`, as.monitorA)).json().alarm.supervised).toBe(true);
      expect((await get(`/api/supervision-orders/${order.id}`, as.monitorB)).statusCode).toBe(404);
      expect((await get(`/api/supervision-orders/${order.id}`, as.countyB)).statusCode).toBe(404);
      expect((await get('/api/supervision-orders', as.countyA)).json().items).toHaveLength(1);
      // Addressed to the company: the county cannot answer for it.
      r = await post(`/api/supervision-orders/${order.id}/answer`, as.countyA, { answer: '已转企业' });
      expect(r.json().code).toBe('SUPERVISION_ORDER_TARGET');
      r = await post(`/api/supervision-orders/${order.id}/decision`, as.city, { decision: 'close' });
      expect(r.json().code).toBe('SUPERVISION_ORDER_STATE');
      clock.advance(60);
      r = await post(`/api/supervision-orders/${order.id}/answer`, as.monitorA, {
        answer: '已约谈驾驶员并培训',
      });
      expect(r.json().order).toMatchObject({ status: 'answered', answeredAt: '2026-11-02T02:00:00.000Z' });
      r = await post(`/api/supervision-orders/${order.id}/decision`, as.city, {
        decision: 'reopen',
        note: '请附培训记录',
      });
      expect(r.json().order.status).toBe('open');
      await post(`/api/supervision-orders/${order.id}/answer`, as.monitorA, { answer: '培训记录已上传' });
      r = await post(`/api/supervision-orders/${order.id}/decision`, as.city, { decision: 'close' });
      expect(r.json().order).toMatchObject({ status: 'closed', closedOnTime: true });

      // An order to a county that nobody answers becomes overdue at its deadline.
      r = await post('/api/supervision-orders', as.city, {
        target: 'county',
        districtCode: '211103',
        content: '请排查辖区停车场外停放车辆',
        deadlineAt: '2026-11-02T03:00:00Z',
      });
      const countyOrder = r.json().order;
      expect((await get(`/api/supervision-orders/${countyOrder.id}`, as.monitorB)).statusCode).toBe(404);
      clock.set('2026-11-02T03:00:00Z');
      expect((await alarms.tick()).ordersOverdue).toBe(1);
      expect((await get(`/api/supervision-orders/${countyOrder.id}`, as.countyB)).json().order.overdue).toBe(
        true,
      );
      r = await post('/api/supervision-orders', as.city, {
        target: 'company',
        enterpriseId: b.enterpriseId,
        content: '过去的期限',
        deadlineAt: '2026-11-01T00:00:00Z',
      });
      expect(r.json().code).toBe('VALIDATION_FAILED');
    });

    it('duty checks: sent by the county, answered by the company, response time recorded', async () => {
      let r = await post('/api/duty-checks', as.countyA, { enterpriseId: b.enterpriseId, prompt: '查岗' });
      expect(r.statusCode).toBe(404);
      r = await post('/api/duty-checks', as.countyA, {
        enterpriseId: a.enterpriseId,
        prompt: '请监控员回复在岗',
        answerWithinMinutes: 5,
      });
      expect(r.statusCode).toBe(201);
      const check = r.json().dutyCheck;
      expect(
        (await post(`/api/duty-checks/${check.id}/answer`, as.monitorB, { answer: '在岗' })).statusCode,
      ).toBe(404);
      clock.advance(3);
      r = await post(`/api/duty-checks/${check.id}/answer`, as.monitorA, { answer: '张三在岗' });
      expect(r.json().dutyCheck).toMatchObject({ responseSeconds: 180, answeredInTime: true });
      expect(
        (await post(`/api/duty-checks/${check.id}/answer`, as.monitorA, { answer: '再次' })).json().code,
      ).toBe('DUTY_CHECK_ANSWERED');
      await post('/api/duty-checks', as.city, { enterpriseId: a.enterpriseId, prompt: '市级查岗' });
      const list = (await get('/api/duty-checks', as.countyA)).json();
      expect(list).toMatchObject({
        sent: 2,
        answered: 1,
        answeredInTime: 1,
        responseRate: 0.5,
        averageResponseSeconds: 180,
      });
    });

    it('keeps an unread inbox per user', async () => {
      const id = await raise();
      await raise({ id: 'b1' }, b);
      expect((await get('/api/alarms/inbox', as.monitorA)).json().unread).toBe(1);
      expect((await get('/api/alarms/inbox', as.city)).json().unread).toBe(2);
      expect((await post('/api/alarms/inbox/read', as.monitorA, { alarmIds: [id] })).json().marked).toBe(1);
      expect((await get('/api/alarms/inbox', as.monitorA)).json().unread).toBe(0);
      expect((await get('/api/alarms/inbox', as.countyA)).json().unread).toBe(1);
      await post(`/api/alarms/${id}/handle`, as.monitorA, { action: 'contact_driver' });
      expect((await get('/api/alarms/inbox', as.monitorA)).json().unread).toBe(1); // changed since read
    });

    it('counts one China-time day over HTTP, in scope; refuses a date that does not exist', async () => {
      await raise();
      await raise({ id: 'b1' }, b);
      const total = (r: { json: () => { byDistrict: { count: number }[] } }) =>
        r.json().byDistrict.reduce((n, d) => n + d.count, 0);
      // The clock stands at 2026-11-02T01:00Z, 09:00 on 2 November in China.
      const today = await get('/api/alarms/stats/counts?day=2026-11-02', as.city);
      expect(today.statusCode).toBe(200);
      expect(today.json()).toMatchObject({ from: '2026-11-02', to: '2026-11-02' });
      expect(total(today)).toBe(2);
      expect(total(await get('/api/alarms/stats/counts?day=2026-11-02', as.countyB))).toBe(1);
      expect(total(await get('/api/alarms/stats/counts?day=2026-11-01', as.city))).toBe(0);
      expect((await get('/api/alarms/stats/counts?day=2026-02-30', as.city)).statusCode).toBe(400);
      expect((await get('/api/alarms/stats/counts?day=2026-11-02&from=2026-11', as.city)).statusCode).toBe(
        400,
      );
    });
  });
}
