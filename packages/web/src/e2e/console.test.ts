/**
 * Browser tests of the console: Debian's chromium driven by playwright-core (no downloaded
 * browser), headless, against the real server started here. Screenshots of each main page go to
 * test-output/screenshots/. Every wait is for a selector or a response, never a fixed sleep.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDrawer } from './browser.js';
import { ensureBuiltConsole, repoRoot, startServer, type RunningServer } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Weiyun@demo1';
const shots = join(repoRoot, 'test-output', 'screenshots');
// A loaded 2-core machine: generous waits.
// Generous: CI shares two cores between the browser, the server and other test files.
const WAIT = 120_000;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(shots, { recursive: true });
  ensureBuiltConsole();
  server = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      // WebGL for MapLibre through the software rasterizer (no GPU here).
      '--enable-unsafe-swiftshader',
    ],
  });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  return { context, page };
}

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(server.url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The minimal face of the simulator's terminal (server/src/sim/terminal.ts) this test uses. */
interface Driven {
  report(fix: {
    time: number;
    lat: number;
    lon: number;
    speedKmh: number;
    heading: number;
    altitude: number;
  }): void;
  until(cond: () => boolean, timeoutMs?: number): Promise<void>;
  acknowledged: unknown[];
  logout(): Promise<void>;
}

/** A real JT/T 808 terminal (the simulator's) for an archive terminal, registered and authenticated. */
async function driveTerminal(t: {
  phone: string;
  terminalCode: string;
  protocolVersion: string;
  plate: string | null;
}): Promise<Driven> {
  // Loaded at run time from the server package (Vitest compiles it; the console's type-check does not reach it).
  const terminalTs = fileURLToPath(new URL('../../../server/src/sim/terminal.ts', import.meta.url));
  const { SimTerminal } = (await import(terminalTs)) as {
    SimTerminal: new (o: Record<string, unknown>) => Driven & { connect(): Promise<void>; online: boolean };
  };
  const terminal = new SimTerminal({
    host: '127.0.0.1',
    port: server.gatewayPort,
    phone: t.phone,
    edition: t.protocolVersion === '2019' ? 2019 : 2013,
    plate: t.plate,
    plateColor: 2,
    terminalCode: t.terminalCode.slice(0, 7),
  });
  await terminal.connect();
  expect(terminal.online).toBe(true);
  return terminal;
}

async function shot(page: Page, name: string): Promise<void> {
  // Let loading masks (and their fade) go before the picture.
  await page.locator('.ant-spin-spinning, .ant-spin-blur').first().waitFor({ state: 'detached' });
  await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled' });
}

describe('console in a browser', () => {
  it('shows the server’s reason when a sign-in fails, and the lockout after repeated failures', async () => {
    const { context, page } = await fresh();
    await signIn(page, 'emergency', 'wrong-password-1');
    const error = page.getByTestId('login-error');
    await expect(error.textContent()).resolves.toMatch(/用户名或密码|密码/);
    await shot(page, '01-login-failed');
    // The demo lockout threshold is 5 failures in a row (AUTH_LOCKOUT_THRESHOLD).
    for (let i = 0; i < 5; i++) {
      // The button ignores clicks while the previous answer is still being shown (loading state):
      // click only once it is idle, or a click under load sends nothing.
      await page.locator('[data-testid="login-submit"].ant-btn-loading').waitFor({ state: 'detached' });
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByTestId('login-submit').click();
      await answered;
    }
    await page.getByText(/锁定/).first().waitFor();
    await shot(page, '02-login-locked');
    await context.close();
  }, 480_000);

  it('a company monitor sees its scope and only its own company’s vehicles', async () => {
    const { context, page } = await fresh();
    await signIn(page, 'huayun.monitor');
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('chart-fleet').waitFor();
    // The scope tag names the company once its record has loaded.
    await page
      .getByTestId('scope')
      .getByText(/^企业：[^…]+$/)
      .waitFor();
    const scope = (await page.getByTestId('scope').textContent()) ?? '';
    const company = scope.replace(/^企业：/, '');
    expect(company).not.toBe('…');
    await shot(page, '03-dashboard-huayun-monitor');

    await page.goto(`${server.url}/archives/vehicles`);
    const rows = page.locator('[data-testid="list-vehicles"] .ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const header = await page.locator('[data-testid="list-vehicles"] thead th').allTextContents();
    const companyColumn = header.findIndex((h) => h.includes('企业名称'));
    expect(companyColumn).toBeGreaterThanOrEqual(0);
    const names = await rows.locator(`td:nth-child(${companyColumn + 1})`).allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set([company]));
    // The list's total is the API's total for this account, and smaller than the city's fleet.
    const total = await page.evaluate(async () => {
      const r = await fetch('/api/archives/vehicles?pageSize=1');
      return ((await r.json()) as { total: number }).total;
    });
    await page.getByText(`共 ${total} 条`).waitFor();
    expect(total).toBeLessThan(11_426);
    // No create or import buttons for a read-only monitor.
    expect(await page.getByRole('button', { name: /新建/ }).count()).toBe(0);
    await shot(page, '04-vehicles-huayun-monitor');

    await rows.first().click();
    await page.getByTestId('record-drawer').getByRole('heading', { name: '备案记录' }).waitFor();
    await shot(page, '05-vehicle-drawer');

    // The bundled district boundaries load from the console's own assets (no tile server).
    const boundaries = page.waitForResponse((r) => r.url().includes('.geojson') && r.status() === 200);
    await page.goto(`${server.url}/map`);
    await page.locator('[data-testid="map"][data-map-ready="yes"]').waitFor();
    await boundaries;
    // The map lists only this company's vehicles.
    const live = await page.evaluate(async () => (await fetch('/api/live')).status);
    expect(live).toBe(200);
    await page.getByTestId('live-count').waitFor();
    await page.locator('[data-testid="places-count"]').waitFor();
    await shot(page, '06-map-huayun-monitor');

    // One of the company's terminals drives: a real JT/T 808 terminal over TCP to the server's
    // gateway. Its vehicle moves on the company's live map; another company's never shows.
    type Terminal = {
      vehicleId: string | null;
      phone: string;
      terminalCode: string;
      protocolVersion: string;
      plate: string | null;
      filingStatus: string;
    };
    const terminals = await page.evaluate(
      async () =>
        ((await (await fetch('/api/archives/terminals?pageSize=100')).json()) as { items: Terminal[] }).items,
    );
    const mine = terminals.find((x) => x.vehicleId && x.plate && x.filingStatus === 'filed');
    expect(mine).toBeDefined();
    const terminal = await driveTerminal(mine!);
    const fix = (i: number) => ({
      time: Date.now() - (3 - i) * 10_000,
      lat: 41.1 + i * 0.004,
      lon: 122.05 + i * 0.004,
      speedKmh: 40 + i * 7,
      heading: 45,
      altitude: 5,
    });
    terminal.report(fix(0));
    await terminal.until(() => terminal.acknowledged.length === 1);
    await page.goto(`${server.url}/map?vehicle=${mine!.vehicleId}`);
    const card = page.getByTestId('vehicle-card');
    await card.getByText(mine!.plate!).waitFor();
    await card.getByText('40 km/h').waitFor();
    terminal.report(fix(1));
    terminal.report(fix(2));
    await terminal.until(() => terminal.acknowledged.length === 3);
    // The card follows the feed: the newest fix's speed, without reloading the page.
    await card.getByText('54 km/h').waitFor();
    const feed = await page.evaluate(
      async () =>
        ((await (await fetch('/api/live')).json()) as { vehicles: { vehicleId: string; lat: number }[] })
          .vehicles,
    );
    expect(feed.find((v) => v.vehicleId === mine!.vehicleId)?.lat).toBeCloseTo(41.108, 5);
    await shot(page, '06b-map-vehicle-moving');
    await terminal.logout();

    // Another company's vehicle, reporting too, is neither in this company's feed nor on its map.
    const city = await fresh();
    await signIn(city.page, 'city');
    await city.page.getByTestId('dashboard').waitFor();
    const all = await city.page.evaluate(
      async () =>
        ((await (await fetch('/api/archives/terminals?pageSize=200')).json()) as { items: Terminal[] }).items,
    );
    const mineIds = new Set(terminals.map((x) => x.vehicleId));
    const other = all.find(
      (x) => x.vehicleId && x.plate && x.filingStatus === 'filed' && !mineIds.has(x.vehicleId),
    );
    expect(other).toBeDefined();
    await city.context.close();
    const stranger = await driveTerminal(other!);
    stranger.report(fix(2));
    await stranger.until(() => stranger.acknowledged.length === 1);
    await page.goto(`${server.url}/map?vehicle=${other!.vehicleId}`);
    await page.locator('[data-testid="map"][data-map-ready="yes"]').waitFor();
    await page.getByTestId('live-count').waitFor();
    const seen = await page.evaluate(async () =>
      ((await (await fetch('/api/live')).json()) as { vehicles: { vehicleId: string }[] }).vehicles.map(
        (v) => v.vehicleId,
      ),
    );
    expect(seen).toContain(mine!.vehicleId);
    expect(seen).not.toContain(other!.vehicleId);
    expect(await page.getByTestId('vehicle-card').count()).toBe(0);
    await stranger.logout();
    await context.close();
  }, 480_000);

  it('a county regulator opens the review queue and the certificates, then switches to English', async () => {
    const { context, page } = await fresh();
    await signIn(page, 'county.xinglongtai');
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('scope').getByText('县区：兴隆台区', { exact: true }).waitFor();
    await page.getByTestId('main-menu').getByText('备案审核').click();
    await page.getByTestId('review-queue').waitFor();
    await page.locator('[data-testid="review-queue"] .ant-table-tbody tr').first().waitFor();
    expect(page.url()).toBe(`${server.url}/archives/review`);
    await shot(page, '07-review-queue-county');

    await page.getByTestId('main-menu').getByText('证照到期').click();
    await page.locator('[data-testid="certificates"] .ant-badge-status').first().waitFor();
    await shot(page, '08-certificates-county');

    await page.goto(`${server.url}/`);
    await page.getByTestId('chart-parking').waitFor();
    await shot(page, '09-dashboard-county');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('main-menu').getByText('Filing review').waitFor();
    await page.getByTestId('scope').getByText('Xinglongtai District', { exact: true }).waitFor();
    // The API now answers in English too (Accept-Language follows the switch).
    await page.getByTestId('main-menu').getByText('Vehicles').click();
    await page.locator('[data-testid="list-vehicles"] .ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.getByText('Enterprise name').first().waitFor();
    await shot(page, '10-vehicles-english');
    // The export button downloads the filtered list as xlsx (the session cookie authenticates it).
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(href).toMatch(/^\/api\/archives\/vehicles\/export\?/);
    const exported = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), rows: r.headers.get('x-row-count') };
    }, href!);
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('spreadsheetml');
    expect(Number(exported.rows)).toBeGreaterThan(0);

    await page.getByTestId('user-menu').hover();
    await page.getByText('Sign out').click();
    await page.getByTestId('login-submit').waitFor();
    await context.close();
  }, 480_000);

  it('a filing round trip: the county sends a vehicle back, the company resubmits, the county approves it from the queue', async () => {
    const county = await fresh();
    await signIn(county.page, 'county.xinglongtai');
    await county.page.getByTestId('dashboard').waitFor();
    await county.page.goto(`${server.url}/archives/vehicles`);
    const list = county.page.getByTestId('list-vehicles');
    await list.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await county.page.getByPlaceholder('搜索').fill('华运');
    await county.page.getByPlaceholder('搜索').press('Enter');
    await list.locator('.ant-table-tbody tr.ant-table-row').first().getByText('华运').first().waitFor();
    const plate = (await list.locator('.ant-table-tbody tr.ant-table-row td').first().textContent())!.trim();
    await list.locator('.ant-table-tbody tr.ant-table-row').first().click();
    const drawer = county.page.getByTestId('record-drawer');
    await drawer.getByTestId('filing-reopen').click();
    await county.page.locator('.ant-modal-content textarea').fill('道路运输证信息需更正');
    await county.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await drawer.getByText('道路运输证信息需更正').waitFor();
    await shot(county.page, '11-filing-reopened-by-county');

    const company = await fresh();
    await signIn(company.page, 'huayun.admin');
    await company.page.getByTestId('dashboard').waitFor();
    await company.page.goto(`${server.url}/archives/vehicles`);
    const clist = company.page.getByTestId('list-vehicles');
    await clist.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await company.page.getByPlaceholder('搜索').fill(plate);
    await company.page.getByPlaceholder('搜索').press('Enter');
    await clist.locator('.ant-table-tbody tr.ant-table-row').getByText('草稿').waitFor();
    await clist.locator('.ant-table-tbody tr.ant-table-row').first().click();
    await company.page.getByTestId('record-drawer').getByTestId('filing-submit').click();
    await company.page.getByTestId('record-drawer').getByText('待县区审核').first().waitFor();
    await company.context.close();

    await county.page.goto(`${server.url}/archives/review`);
    const row = county.page.locator('[data-testid="review-queue"] tr', { hasText: plate });
    await row.waitFor();
    await shot(county.page, '12-review-queue-with-item');
    await row.getByRole('button').click();
    await county.page.getByTestId('record-drawer').getByTestId('filing-county_approve').click();
    await county.page.getByTestId('record-drawer').getByText('已备案').first().waitFor();
    await closeDrawer(county.page, 'record-drawer');
    await row.waitFor({ state: 'detached' });
    await county.context.close();
  }, 480_000);

  it('a company admin sees server validation errors on the form fields and the import row report', async () => {
    const { context, page } = await fresh();
    await signIn(page, 'huayun.admin');
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${server.url}/archives/vehicles`);
    await page.locator('[data-testid="list-vehicles"] .ant-table-tbody tr.ant-table-row').first().waitFor();

    await page.getByRole('button', { name: /新建/ }).click();
    const form = page.getByTestId('record-form');
    await form.waitFor();
    await form.locator('#plate').fill('辽L1');
    await form.locator('#vin').fill('LRDSNHM91NH57198X');
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/archives/vehicles') && r.request().method() === 'POST',
    );
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await answered).status()).toBe(400);
    // The server's messages sit under the fields they name.
    const plateItem = form.locator('.ant-form-item', { has: page.locator('#plate') });
    await plateItem.locator('.ant-form-item-explain-error').first().waitFor();
    const vinItem = form.locator('.ant-form-item', { has: page.locator('#vin') });
    await vinItem.locator('.ant-form-item-explain-error').first().waitFor();
    await shot(page, '13-vehicle-form-server-errors');
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();

    await page.getByRole('button', { name: /导入/ }).click();
    const csv =
      'vehicleType,plate,plateColour,vin\ntractor,辽X9,2,LRDSNHM91NH571982\nspaceship,辽L88888,2,NOTAVIN\n';
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: 'vehicles.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const imported = page.waitForResponse((r) => r.url().includes('/api/archives/vehicles/import'));
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await imported).status()).toBe(422);
    const report = page.getByTestId('import-report');
    await report.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const rowsReported = await report
      .locator('.ant-table-tbody tr.ant-table-row td:first-child')
      .allTextContents();
    expect(rowsReported.length).toBeGreaterThan(0);
    expect(rowsReported.every((r) => /^\d+$/.test(r))).toBe(true);
    await page.getByText('文件有错误，未导入任何数据').waitFor();
    await shot(page, '14-import-row-report');
    await context.close();
  }, 480_000);
});
