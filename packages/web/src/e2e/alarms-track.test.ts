/**
 * Browser tests of the alarm and track-playback pages against the real server (started through
 * server/src/testing/console-server.ts so the test can publish a rule-engine event on the bus,
 * which the alarms module turns into an alarm exactly as in production). A small simulated fleet
 * drives, so tracks exist. Screenshots go to test-output/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDrawer, fresh, launch, shot, signIn, submitStep } from './browser.js';
import { ensureBuiltConsole, startServer, type RunningServer } from './server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureBuiltConsole();
  server = await startServer({
    entry: 'console',
    env: { SIM_VEHICLES: '12', SIM_REPORT_INTERVAL_S: '2', ALARM_TICK_INTERVAL_MS: '0' },
  });
  browser = await launch();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

const HUAYUN = '7e000000-0000-4000-8000-000000000001';

/**
 * A rule engine's event as the rule worker publishes it (the server's `RuleEvent`), for one of
 * 华运's vehicles: the fields every event has, with `o` for the rest.
 */
function ruleEvent(o: {
  id: string;
  phase: 'started' | 'updated' | 'ended';
  type: string;
  key: string;
  startedAt: number;
  at: number;
  vehicleId: string;
  threshold: number;
  measured: number;
  unit: string;
  severity: string;
  position?: { lat: number; lon: number };
  driverId?: string | null;
  detail?: Record<string, unknown>;
}): Record<string, unknown> {
  const start = { lat: 41.118, lon: 122.061 };
  return {
    startPosition: start,
    position: start,
    enterpriseId: HUAYUN,
    driverId: null,
    ...(o.phase === 'ended' ? { endedAt: o.at } : {}),
    ...o,
  };
}
const countyOf: Record<string, string> = { '211103': 'county.xinglongtai', '211104': 'county.dawa' };

describe('alarms and track playback in a browser', () => {
  it('a pushed overspeed alarm is handled by the company, then accepted by its county', async () => {
    const company = await fresh(browser);
    const { page } = company;
    await signIn(page, server.url, 'huayun.monitor');
    await page.getByTestId('main-menu').getByText('报警处置').click();
    await page.getByTestId('alarms-page').waitFor();
    await page.getByTestId('alarm-push-state').getByText('实时推送已连接').waitFor();

    const { vehicle, districtCode } = await page.evaluate(async (id) => {
      const v = (await (await fetch('/api/archives/vehicles?pageSize=1')).json()) as {
        items: { id: string; plate: string }[];
      };
      const e = (await (await fetch(`/api/archives/enterprises/${id}`)).json()) as { districtCode: string };
      return { vehicle: v.items[0]!, districtCode: e.districtCode };
    }, HUAYUN);
    const county = countyOf[districtCode];
    expect(county).toBeDefined();

    // The rule engine's event, published on the bus as the rule worker does.
    const now = Date.now();
    await server.publish(
      'events.rules.overspeed',
      ruleEvent({
        id: `${vehicle.id}/overspeed/limit/${now}/${randomUUID()}`,
        phase: 'started',
        type: 'overspeed',
        key: 'limit',
        startedAt: now - 45_000,
        at: now,
        position: { lat: 41.125, lon: 122.074 },
        threshold: 80,
        measured: 96,
        unit: 'km/h',
        severity: 'high',
        vehicleId: vehicle.id,
      }),
    );

    // Pushed into the open list (no reload), and counted in the unread badge.
    const row = page.locator('[data-testid="alarm-list"] tr.ant-table-row', { hasText: vehicle.plate });
    await row.first().waitFor();
    await expect(row.first().textContent()).resolves.toContain('待处置');
    await page.locator('[data-testid="alarm-badge"] .ant-badge-count').waitFor();
    await shot(page, '20-alarms-company');

    await row.first().click();
    const drawer = page.getByTestId('alarm-drawer');
    await drawer.getByTestId('alarm-measured').getByText('96 / 80 km/h').waitFor();
    // Who had a card in the reader during the episode: this vehicle's terminal reported none.
    await drawer
      .getByTestId('alarm-cards')
      .getByTestId('track-card-span')
      .getByText('无插拔卡记录')
      .waitFor();
    await drawer.locator('[data-testid="evidence-map"] [data-map-ready="yes"]').waitFor();
    await shot(page, '21-alarm-detail-company');

    await drawer.getByTestId('action-contact_driver').click();
    await page.getByTestId('action-note').fill('已电话联系驾驶员，要求立即减速');
    await submitStep(page);
    await drawer.getByTestId('alarm-steps').getByText('已联系驾驶员').waitFor();

    await drawer.getByTestId('action-correct').click();
    await page.getByTestId('action-note').fill('驾驶员已减速至 60 km/h 以下');
    await submitStep(page);
    await drawer.getByTestId('alarm-steps').getByText('已纠正').waitFor();
    // Now the county's turn: no buttons left for the company.
    await drawer.getByTestId('alarm-actions').waitFor({ state: 'detached' });
    await shot(page, '22-alarm-handled-company');
    await company.context.close();

    const regulator = await fresh(browser);
    await signIn(regulator.page, server.url, county!);
    await regulator.page.getByTestId('dashboard').waitFor();
    await regulator.page.goto(`${server.url}/alarms`);
    // The county's list also holds the demo archive's certificate warnings: find it by plate.
    await regulator.page.getByTestId('filter-plate').fill(vehicle.plate);
    await regulator.page.getByTestId('filter-plate').press('Enter');
    const crow = regulator.page.locator('[data-testid="alarm-list"] tr.ant-table-row', {
      hasText: vehicle.plate,
    });
    await crow.first().waitFor();
    await expect(crow.first().textContent()).resolves.toContain('待审核');
    await crow.first().click();
    const cdrawer = regulator.page.getByTestId('alarm-drawer');
    await cdrawer.getByTestId('alarm-steps').getByText('驾驶员已减速至 60 km/h 以下').waitFor();
    await shot(regulator.page, '23-alarm-review-county');
    await cdrawer.getByTestId('action-accept').click();
    await submitStep(regulator.page);
    await cdrawer.getByTestId('alarm-steps').getByText('审核通过').waitFor();
    await cdrawer.locator('.ant-tag', { hasText: '已办结' }).first().waitFor();
    await shot(regulator.page, '24-alarm-closed-county');

    // English switch on the alarm page.
    await closeDrawer(regulator.page, 'alarm-drawer');
    await regulator.page.getByTestId('lang-switch').click();
    await regulator.page.getByTestId('main-menu').getByText('Alarms').waitFor();
    await regulator.page.getByText('Handling rate this month').waitFor();
    await crow.first().getByText('Closed').waitFor();
    await shot(regulator.page, '25-alarms-english');
    await regulator.context.close();
  }, 600_000);

  /** 华运's monitor on the alarms page with pushes connected, and one of 华运's vehicles (`query` picks it). */
  async function monitorWithVehicle(query: string) {
    const company = await fresh(browser);
    const { page } = company;
    await signIn(page, server.url, 'huayun.monitor');
    await page.getByTestId('main-menu').getByText('报警处置').click();
    await page.getByTestId('alarm-push-state').getByText('实时推送已连接').waitFor();
    const vehicle = await page.evaluate(async (q) => {
      const v = (await (await fetch(`/api/archives/vehicles?pageSize=1&${q}`)).json()) as {
        items: { id: string; plate: string }[];
      };
      return v.items[0]!;
    }, query);
    return { company, page, vehicle };
  }

  it('an emergency uploaded late by the terminal says so in the alarm drawer', async () => {
    const { company, page, vehicle } = await monitorWithVehicle('page=2');
    // The rule engine's events for an emergency in a blind-area supplement: an episode of its
    // moment, started and ended at once, marked late with the time it was received.
    const pressed = Date.now() - 20 * 60_000;
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const event = (phase: 'started' | 'ended') =>
      ruleEvent({
        id: `${vehicle.id}:device_alarm:sos:${pressed}`,
        phase,
        type: 'device_alarm',
        key: 'sos',
        startedAt: pressed,
        at: pressed,
        threshold: 0,
        measured: 1,
        unit: 'reports',
        severity: 'critical',
        vehicleId: vehicle.id,
        detail: { late: true, receivedAt },
      });
    await server.publish('events.rules.device_alarm', event('started'));
    await server.publish('events.rules.device_alarm', event('ended'));
    const row = page.locator('[data-testid="alarm-list"] tr.ant-table-row', { hasText: vehicle.plate });
    await row.filter({ hasText: '终端报警' }).first().click();
    const drawer = page.getByTestId('alarm-drawer');
    const tag = drawer.getByTestId('alarm-late');
    await tag.waitFor();
    // The browser's own clock format: only the words are checked.
    expect(await tag.textContent()).toMatch(/^终端补传，.+ 收到$/);
    await company.context.close();
  }, 600_000);

  it('a card holder who may not drive: the alarm drawer lists why and until when the qualification held', async () => {
    const { company, page, vehicle } = await monitorWithVehicle('page=3&vehicleType=tractor');
    const now = Date.now();
    await server.publish(
      'events.rules.driver_unqualified',
      ruleEvent({
        id: `${vehicle.id}:driver_unqualified:card:${now - 90_000}`,
        phase: 'started',
        type: 'driver_unqualified',
        key: 'card',
        startedAt: now - 90_000,
        at: now,
        threshold: 60,
        measured: 61,
        unit: 's',
        severity: 'high',
        vehicleId: vehicle.id,
        detail: {
          cardDriverId: randomUUID(),
          cardName: '赵六',
          reasons: 'left,qualification_expired,over_age',
          qualificationValidUntil: '2026-11-01',
          ageLimitUntil: '2026-05-31',
        },
      }),
    );
    const row = page.locator('[data-testid="alarm-list"] tr.ant-table-row', { hasText: vehicle.plate });
    await row.filter({ hasText: '驾驶员资质不符' }).first().click();
    const reasons = page.getByTestId('alarm-drawer').getByTestId('alarm-qualification');
    await reasons.getByText('从业资格证已过期').waitFor();
    expect(await reasons.textContent()).toBe(
      '已离职从业资格证已过期超过从业年龄上限从业资格证有效期至 2026-11-01年龄上限截至 2026-05-31',
    );
    await shot(page, 'alarm-driver-unqualified');
    await company.context.close();
  }, 600_000);

  it('the city plays back a simulated vehicle’s track with its speed chart, and the live map shows the fleet', async () => {
    const { context, page } = await fresh(browser);
    // The city sees the whole simulated fleet (a company may have no simulated vehicle).
    await signIn(page, server.url, 'city');
    await page.getByTestId('dashboard').waitFor();
    // A simulated vehicle that has reported: wait until its track has points.
    let picked: { id: string; plate: string } | null = null;
    for (const start = Date.now(); !picked && Date.now() - start < 180_000;) {
      picked = await page.evaluate(async () => {
        const live = (await (await fetch('/api/live')).json()) as { vehicles: { vehicleId: string }[] };
        for (const v of live.vehicles) {
          const tr = (await (await fetch(`/api/vehicles/${v.vehicleId}/track`)).json()) as {
            points: { valid: boolean }[];
          };
          if (tr.points.filter((p) => p.valid).length >= 5) {
            const rec = (await (await fetch(`/api/archives/vehicles/${v.vehicleId}`)).json()) as {
              plate: string;
            };
            return { id: v.vehicleId, plate: rec.plate };
          }
        }
        return null;
      });
      if (!picked) await page.waitForTimeout(3000);
    }
    expect(picked).not.toBeNull();

    await page.getByTestId('main-menu').getByText('轨迹回放').click();
    await page.getByTestId('track-page').waitFor();
    await page.getByTestId('track-vehicle').click();
    await page.keyboard.type(picked!.plate);
    await page.locator('.ant-select-item-option', { hasText: picked!.plate }).first().click();
    await page.getByTestId('track-query').click();
    await page.getByTestId('speed-chart').locator('canvas').first().waitFor();
    const summary = (await page.getByTestId('track-summary').textContent()) ?? '';
    const fixes = Number(/定位点 (\d+) 个/.exec(summary)?.[1]);
    expect(fixes).toBeGreaterThanOrEqual(5);
    // Who drove when: the IC-card spans along the range (at least the one before any report), the
    // playhead's marked.
    await page.getByTestId('track-cards').getByTestId('track-card-span').first().waitFor();
    expect(await page.locator('[data-testid="track-card-span"][data-current]').count()).toBe(1);
    const before = await page.getByTestId('track-now').textContent();
    await page.getByTestId('track-speed').click();
    await page.locator('.ant-select-item-option', { hasText: '64×' }).click();
    await page.getByTestId('track-play').click();
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid="track-now"]')?.textContent !== b,
      before,
    );
    await shot(page, '26-track-playback');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('main-menu').getByText('Track playback').waitFor();
    await page
      .getByTestId('track-summary')
      .getByText(/\d+ fixes/)
      .waitFor();
    await shot(page, '27-track-playback-english');

    await page.getByTestId('main-menu').getByText('Live monitoring').click();
    await page.locator('[data-testid="map"][data-map-ready="yes"]').waitFor();
    await page
      .getByTestId('live-shown')
      .getByText(/[1-9]\d* shown/)
      .waitFor();
    await shot(page, '28-live-map-english');
    await context.close();
  }, 600_000);
});
