// The gateway over real TCP on loopback, with simulated terminals speaking JT/T 808.
import { connect, type Socket } from 'node:net';
import { encode, encodePackets, type Message } from '@weiyun/jt808';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../modules/accounts/testing.js';
import { createPositionPipeline, type PositionPipeline } from '../modules/positions/pipeline.js';
import type { Position } from '../modules/positions/position.js';
import { eventually } from '../modules/positions/testing.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { testDatabases } from '../platform/db/testing.js';
import { SimTerminal, toLocation, type SimFix } from '../sim/terminal.js';
import { CommandService } from './commands.js';
import type { Gateway, GatewayEvent, GatewayOptions } from './gateway.js';
import { fileDriver, fileTerminal, makeEnterprise, simTerminalFor, testGateway } from './testing.js';

const fix = (i: number, base = Date.now() - 60_000): SimFix => ({
  time: base + i * 1000,
  lat: 41.1 + i * 0.0001,
  lon: 122.05 + i * 0.0001,
  speedKmh: 45 + (i % 10),
  heading: 90,
  altitude: 5,
  mileageKm: 1000 + i / 10,
});

async function storedCount(db: Db, vehicleId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM positions WHERE vehicle_id = $1',
    [vehicleId],
  );
  return rows[0]!.n;
}

function rawClient(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    s.on('error', () => undefined);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

const closedSoon = (s: Socket, ms = 5000): Promise<void> =>
  new Promise((resolve, reject) => {
    if (s.destroyed || s.readyState === 'closed') return resolve();
    const t = setTimeout(() => reject(new Error('socket still open')), ms);
    s.once('close', () => (clearTimeout(t), resolve()));
  });

for (const target of testDatabases()) {
  describe(`JT/T 808 gateway over TCP (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let pipeline: PositionPipeline;
    let gateway: Gateway | undefined;
    let terminals: SimTerminal[] = [];
    let enterpriseId: string;
    /** When set, ingest waits for it before the pipeline (to show the reply waits for durability). */
    let gate: Promise<void> | null = null;
    const ingested: Position[][] = [];

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      pipeline = createPositionPipeline(
        { config: testConfig(), db, bus: createInProcessBus(), logger: pino({ level: 'silent' }) },
        { durability: 'store' },
      );
      await pipeline.start();
      enterpriseId = await makeEnterprise(db);
      gate = null;
      ingested.length = 0;
    });
    afterEach(async () => {
      for (const t of terminals) t.dropConnection();
      terminals = [];
      await gateway?.stop();
      gateway = undefined;
      await pipeline.stop();
      await cleanup();
    });

    async function start(overrides: Partial<GatewayOptions> = {}): Promise<number> {
      gateway = testGateway(
        db,
        async (p) => {
          if (gate) await gate;
          await pipeline.ingest(p);
          ingested.push([...p]);
        },
        overrides,
      );
      return gateway.start();
    }

    function terminal(
      port: number,
      t: { phone: string; plate: string },
      edition: 2013 | 2019 = 2013,
      onMessage?: (m: Message) => void,
    ): SimTerminal {
      const sim = simTerminalFor(port, t, edition, 'SIM0001', onMessage);
      terminals.push(sim);
      return sim;
    }

    it('registers, authenticates (2013 and 2019), stores positions and replies 0x8001 only once they are durable', async () => {
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 1, { edition: 2013 });
      const b = await fileTerminal(db, enterpriseId, 2, { edition: 2019 });
      const ta = terminal(port, a, 2013);
      const tb = terminal(port, b, 2019);
      await ta.connect();
      await tb.connect();
      expect(ta.online && tb.online).toBe(true);
      expect(ta.authCode).toMatch(/^[\w-]{16}$/);
      expect(
        gateway!
          .list()
          .map((s) => s.vehicleId)
          .sort(),
      ).toEqual([a.vehicleId, b.vehicleId].sort());

      // Hold durability: the fix is received but neither stored nor acknowledged.
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      ta.report(fix(0));
      await eventually(() => gateway!.pendingPositions === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(ta.acknowledged).toHaveLength(0);
      expect(await storedCount(db, a.vehicleId)).toBe(0);
      release();
      await ta.until(() => ta.acknowledged.length === 1);
      expect(await storedCount(db, a.vehicleId)).toBe(1);
      gate = null;

      for (let i = 1; i <= 20; i++) tb.report(fix(i));
      await tb.until(() => tb.acknowledged.length === 20);
      expect(await storedCount(db, b.vehicleId)).toBe(20);
      const { rows } = await db.query<{ lat: number; speed: number; terminal_id: string }>(
        'SELECT lat, speed, terminal_id FROM positions WHERE vehicle_id = $1 ORDER BY device_time LIMIT 1',
        [b.vehicleId],
      );
      expect(rows[0]).toMatchObject({ terminal_id: b.terminalId, speed: 46 });
      expect(rows[0]!.lat).toBeCloseTo(41.1001, 5);
      expect(gateway!.metrics.render()).toContain('weiyun_gateway_frames_in_total{id="0x0200"} 21');
    });

    it('names the driver of an IC card (0x0702) on the positions that follow, and nobody once the card is pulled', async () => {
      const { personId: driverId } = await fileDriver(db, enterpriseId);
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 1, { edition: 2013 });
      const replies: Message[] = [];
      const t = terminal(port, a, 2013, (m) => {
        if (m.type === 'platformGeneralResponse' && m.replyId === 0x0702) replies.push(m);
      });
      await t.connect();
      const last = () => ingested[ingested.length - 1]![0]!;

      t.report(fix(0)); // nothing said about a card yet
      await eventually(() => ingested.length === 1);
      expect(last().driverId).toBeUndefined();

      const card = (
        status: number,
        more: Partial<Extract<Message, { type: 'driverIdentity' }>> = {},
      ): void => {
        t.sendMessage({ type: 'driverIdentity', status, time: Date.now() - 30_000, ...more });
      };
      // A 2013 card: the qualification certificate number only.
      const insert = (certificateNumber: string): void =>
        card(1, {
          readResult: 0,
          driverName: '李驾驶',
          certificateNumber,
          issuingAuthority: '盘锦市交通运输局',
          expiry: '20280101',
        });
      insert('QC-0702-001');
      await eventually(() => replies.length === 1);
      expect(replies[0]).toMatchObject({ result: 0 });
      t.report(fix(1));
      await eventually(() => ingested.length === 2);
      expect(last().driverId).toBe(driverId);

      card(2); // pulled
      await eventually(() => replies.length === 2);
      t.report(fix(2));
      await eventually(() => ingested.length === 3);
      expect(last().driverId).toBeNull();

      // A card whose person is not on file names nobody, and is still acknowledged.
      insert('QC-UNKNOWN');
      await eventually(() => replies.length === 3);
      expect(replies[2]).toMatchObject({ result: 0 });
      t.report(fix(3));
      await eventually(() => ingested.length === 4);
      expect(last().driverId).toBeNull();

      // Every report is kept, the unknown card with its own fields; a resent report once.
      card(1, { readResult: 0, certificateNumber: 'QC-UNKNOWN', time: 1_700_000_000_000 });
      card(1, { readResult: 0, certificateNumber: 'QC-UNKNOWN', time: 1_700_000_000_000 }); // no reply seen: resent
      card(1, { readResult: 2 }); // put in, not read
      await eventually(() => replies.length === 6);
      const { rows } = await db.query<{
        status: string;
        person_id: string | null;
        certificate_number: string | null;
      }>(
        'SELECT status, person_id, certificate_number FROM driver_card_events WHERE vehicle_id = $1 ORDER BY id',
        [a.vehicleId],
      );
      expect(rows).toEqual([
        { status: 'inserted', person_id: driverId, certificate_number: 'QC-0702-001' },
        { status: 'removed', person_id: null, certificate_number: null },
        { status: 'inserted', person_id: null, certificate_number: 'QC-UNKNOWN' },
        { status: 'inserted', person_id: null, certificate_number: 'QC-UNKNOWN' },
        { status: 'unreadable', person_id: null, certificate_number: null },
      ]);
    });

    it('resends unacknowledged fixes as one 0x0704 blind-area batch after a reconnection, acknowledged once durable', async () => {
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 3);
      const t = terminal(port, a);
      await t.connect();
      t.report(fix(0));
      await t.until(() => t.acknowledged.length === 1);
      t.dropConnection();
      await t.until(() => !t.online);
      // Signal lost: fixes pile up in the terminal.
      for (let i = 1; i <= 12; i++) t.report(fix(i));
      expect(t.unacked).toHaveLength(12);
      await t.connect(); // authenticates with the kept code, no new registration
      await t.until(() => t.unacked.length === 0);
      expect(t.acknowledged).toHaveLength(13);
      expect(await storedCount(db, a.vehicleId)).toBe(13);
      // The 12 came in one batch, made durable together.
      expect(ingested.map((x) => x.length)).toEqual([1, 12]);
    });

    it('answers a 2019 server time query (0x0004) with 0x8004', async () => {
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 12, { edition: 2019 });
      let time: number | null = null;
      const t = new SimTerminal({
        host: '127.0.0.1',
        port,
        phone: a.phone,
        edition: 2019,
        plate: a.plate,
        plateColor: 2,
        terminalCode: 'TQ',
        onMessage: (m) => {
          if (m.type === 'serverTime') time = m.time;
        },
      });
      terminals.push(t);
      await t.connect();
      const before = Math.floor(Date.now() / 1000) * 1000;
      t.sendMessage({ type: 'serverTimeQuery' });
      await t.until(() => time !== null);
      expect(time).toBeGreaterThanOrEqual(before);
      expect(time).toBeLessThanOrEqual(Date.now());
    });

    it('reassembles a sub-packaged 0x0704 (parts out of order) and acknowledges it once, after it is durable', async () => {
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 13, { edition: 2019 });
      const acks: { serial: number; id: number; result: number }[] = [];
      const t = new SimTerminal({
        host: '127.0.0.1',
        port,
        phone: a.phone,
        edition: 2019,
        plate: a.plate,
        plateColor: 2,
        terminalCode: 'SP',
        onMessage: (m) => {
          if (m.type === 'platformGeneralResponse')
            acks.push({ serial: m.replySerial, id: m.replyId, result: m.result });
        },
      });
      terminals.push(t);
      await t.connect();
      const items = Array.from({ length: 60 }, (_, i) => toLocation(fix(i)));
      const frames = encodePackets(
        { type: 'locationBatch', dataType: 1, items },
        { phone: a.phone.padStart(20, '0'), serial: 500, edition: 2019, protocolVersion: 1 },
      );
      expect(frames.length).toBeGreaterThanOrEqual(3);
      for (const i of [2, 0, ...frames.keys()].filter((v, k, all) => all.indexOf(v) === k))
        t.writeRaw(frames[i]!);
      await eventually(() => acks.some((x) => x.id === 0x0704));
      expect(acks.filter((x) => x.id === 0x0704)).toEqual([{ serial: 500, id: 0x0704, result: 0 }]);
      expect(await storedCount(db, a.vehicleId)).toBe(60);
      expect(ingested.map((x) => x.length)).toEqual([60]);
    });

    it('stores a fix resent in a blind-area batch (new message serial) once', async () => {
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 10);
      const t = terminal(port, a);
      await t.connect();
      const f = fix(0);
      t.report(f);
      await t.until(() => t.acknowledged.length === 1);
      // The same fix again, as a terminal does when the 0x8001 was lost, plus a new one in the same second.
      const other = { ...f, lat: f.lat + 0.001 };
      t.sendMessage({ type: 'locationBatch', dataType: 1, items: [toLocation(f), toLocation(other)] });
      await eventually(() => ingested.length === 2);
      expect(await storedCount(db, a.vehicleId)).toBe(2);
    });

    it('refuses an unfiled terminal with 0x8100 result 4 and an unfiled_terminal event', async () => {
      const port = await start();
      const events: GatewayEvent[] = [];
      gateway!.on((e) => events.push(e));
      const draft = await fileTerminal(db, enterpriseId, 4, { terminalFiling: 'draft' });
      const stranger = terminal(port, { phone: '13700000000', plate: '辽L00000' });
      await stranger.connect();
      expect(stranger.state).toBe('refused');
      expect(stranger.refusal).toBe(4);
      const unfiled = terminal(port, draft);
      await unfiled.connect();
      expect(unfiled.refusal).toBe(4);
      expect(
        events
          .filter((e) => e.type === 'unfiled_terminal')
          .map((e) => e.type === 'unfiled_terminal' && e.reason),
      ).toEqual(['unknown_terminal', 'terminal_not_filed']);
      expect(gateway!.list()).toEqual([]);
    });

    it('refuses everything but register/authenticate before authentication, and a wrong auth code', async () => {
      const port = await start();
      const a = await fileTerminal(db, enterpriseId, 5);
      const replies: { id: number; result: number }[] = [];
      const t = new SimTerminal({
        host: '127.0.0.1',
        port,
        phone: a.phone,
        edition: 2013,
        plate: a.plate,
        plateColor: 2,
        terminalCode: 'X',
        onMessage: (m) => {
          if (m.type === 'platformGeneralResponse') replies.push({ id: m.replyId, result: m.result });
        },
      });
      terminals.push(t);
      t.authCode = 'not-the-code-12345';
      await t.connect(); // authentication refused → the terminal forgets the code and hangs up
      expect(t.online).toBe(false);
      expect(replies).toContainEqual({ id: 0x0102, result: 1 });
      // Unauthenticated positions and heartbeats: 0x8001 failure, nothing stored.
      const raw = await rawClient(port);
      const got: Buffer[] = [];
      raw.on('data', (c: Buffer) => got.push(c));
      const phone = a.phone.padStart(12, '0');
      raw.write(encode({ type: 'heartbeat' }, { phone, serial: 7 }));
      raw.write(
        encode(
          {
            type: 'locationReport',
            alarm: 0,
            status: 2,
            latitude: 41,
            longitude: 122,
            altitude: 0,
            speedKmh: 1,
            heading: 0,
            time: Date.now(),
            extras: [],
          },
          { phone, serial: 8 },
        ),
      );
      await eventually(() => Buffer.concat(got).length >= 2 * 18);
      const hex = Buffer.concat(got).toString('hex');
      // 0x8001 bodies: reply serial, reply id, result 1.
      expect(hex).toContain('0007000201');
      expect(hex).toContain('0008020001');
      expect(await storedCount(db, a.vehicleId)).toBe(0);
      raw.destroy();
      // Registering again gives a fresh code that works.
      await t.connect();
      expect(t.online).toBe(true);
    });

    it('closes a session that does not authenticate in time', async () => {
      const port = await start({ authTimeoutMs: 400 });
      const raw = await rawClient(port);
      raw.write(Buffer.from([0x7e]));
      await closedSoon(raw, 3000);
      expect(gateway!.metrics.sessionsClosed.get('auth_timeout')).toBe(1);
    });

    it('sends a text message that the simulated terminal acknowledges, and records each command state', async () => {
      const port = await start();
      const commands = new CommandService(gateway!, db, pino({ level: 'silent' }), {
        timeoutMs: 2000,
        retries: 1,
      });
      const a = await fileTerminal(db, enterpriseId, 6, { edition: 2019 });
      const t = terminal(port, a, 2019);
      await t.connect();
      const owner = { enterpriseId, districtCode: '211104' };
      const sent = await commands.send(
        a.vehicleId,
        owner,
        { kind: 'text', text: '前方危险路段，请减速慢行', urgency: 'emergency' },
        'user-1',
      );
      expect(sent.status).toBe('sent');
      const done = await commands.settled(sent.id, 5000);
      expect(done).toMatchObject({
        status: 'acknowledged',
        result: 0,
        attempts: 1,
        messageId: 0x8300,
        kind: 'text',
      });
      expect(t.texts).toEqual(['前方危险路段，请减速慢行']);

      const q = await commands.settled(
        (await commands.send(a.vehicleId, owner, { kind: 'query_parameters' }, 'u')).id,
        5000,
      );
      expect(q.status).toBe('acknowledged');
      expect(q.response).toEqual({ parameters: [{ id: 1, value: 60 }] });
      const loc = await commands.settled(
        (await commands.send(a.vehicleId, owner, { kind: 'location_query' }, 'u')).id,
        5000,
      );
      expect(loc.status).toBe('acknowledged');
      expect(loc.response).toMatchObject({ lat: 41.12, lon: 122.07 });
      const tr = await commands.settled(
        (await commands.send(a.vehicleId, owner, { kind: 'tracking', intervalS: 5, validityS: 600 }, 'u')).id,
        5000,
      );
      expect(tr.status).toBe('acknowledged');
      expect(t.trackingIntervalS).toBe(5);
      commands.stop();
    });

    it('resends an unanswered command after T, then times it out after n resends', async () => {
      const port = await start();
      const commands = new CommandService(gateway!, db, pino({ level: 'silent' }), {
        timeoutMs: 150,
        retries: 2,
      });
      const a = await fileTerminal(db, enterpriseId, 7);
      let texts = 0;
      // A terminal that reads but never answers text messages.
      const t = new SimTerminal({
        host: '127.0.0.1',
        port,
        phone: a.phone,
        edition: 2013,
        plate: a.plate,
        plateColor: 2,
        terminalCode: 'Q',
        onMessage: (m) => {
          if (m.type === 'textMessage') texts++;
        },
        ignore: (m) => m.type === 'textMessage',
      });
      terminals.push(t);
      await t.connect();
      const sent = await commands.send(
        a.vehicleId,
        { enterpriseId, districtCode: '211104' },
        { kind: 'text', text: 'x' },
        'u',
      );
      const done = await commands.settled(sent.id, 5000);
      expect(done).toMatchObject({ status: 'timed_out', attempts: 3, failure: 'no_reply' });
      expect(texts).toBe(3);
      commands.stop();
    });

    it('keeps serving a good terminal through random bytes, HTTP, an over-long frame and a slow-loris connection', async () => {
      const port = await start({ authTimeoutMs: 800, badFrameLimit: 5 });
      const a = await fileTerminal(db, enterpriseId, 8);
      const good = terminal(port, a);
      await good.connect();
      let n = 0;
      const pump = setInterval(() => good.report(fix(n++)), 20);

      const http = await rawClient(port);
      http.write('GET / HTTP/1.1\r\nHost: gateway\r\n\r\n');
      const noise = await rawClient(port);
      noise.write(Buffer.from([0x7e]));
      for (let i = 0; i < 50 && !noise.destroyed; i++) {
        const junk = Buffer.alloc(512);
        for (let j = 0; j < junk.length; j++) junk[j] = (Math.random() * 256) | 0;
        noise.write(junk);
      }
      const long = await rawClient(port);
      const big = Buffer.alloc(20_000, 0x11);
      big[0] = 0x7e;
      long.write(big);
      const loris = await rawClient(port);
      loris.write(Buffer.from([0x7e, 0x01]));
      const drip = setInterval(() => !loris.destroyed && loris.write(Buffer.from([0x00])), 100);

      await Promise.all([closedSoon(http), closedSoon(noise), closedSoon(long), closedSoon(loris)]);
      clearInterval(drip);
      await new Promise((r) => setTimeout(r, 200));
      clearInterval(pump);
      await good.until(() => good.unacked.length === 0);
      expect(good.online).toBe(true);
      expect(good.acknowledged.length).toBe(n);
      expect(await storedCount(db, a.vehicleId)).toBe(n);
      const closed = gateway!.metrics.sessionsClosed;
      expect(closed.get('not_jt808')).toBe(1);
      expect((closed.get('bad_frames') ?? 0) + (closed.get('auth_timeout') ?? 0)).toBe(3);
    });

    it('pauses reading while ingest is saturated and resumes after', async () => {
      const port = await start({ maxIngestPending: 100 });
      const a = await fileTerminal(db, enterpriseId, 9);
      const t = terminal(port, a);
      await t.connect();
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      for (let i = 0; i < 300; i++) {
        t.report(fix(i));
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
      }
      await eventually(() => gateway!.saturated);
      expect(gateway!.pendingPositions).toBeGreaterThanOrEqual(100);
      expect(gateway!.pausedCount).toBe(1);
      release();
      gate = null;
      await t.until(() => t.acknowledged.length === 300, 15_000);
      expect(gateway!.saturated).toBe(false);
      expect(await storedCount(db, a.vehicleId)).toBe(300);
    });

    it('refuses connections over the cap and over the per-IP rate', async () => {
      const port = await start({ maxConnections: 2, rateExemptIps: [], connectionsPerIpPerMinute: 2 });
      const s1 = await rawClient(port);
      const s2 = await rawClient(port);
      const s3 = await rawClient(port);
      await closedSoon(s3);
      s1.destroy();
      s2.destroy();
      await eventually(() => gateway!.connectionCount === 0);
      const s4 = await rawClient(port);
      await closedSoon(s4); // the third counted this minute (the second refusal was over the cap)
      expect(gateway!.metrics.connectionsRefused.get('max_connections')).toBe(1);
      expect(gateway!.metrics.connectionsRefused.get('ip_rate')).toBe(1);
    });
  });
}
