/**
 * Browser tests of the waybill pages (Debian's chromium, playwright-core, the real server in demo
 * mode): a company creates a waybill that fails its checks and sees why, live and after
 * submitting; the filling site looks that vehicle up, weighs it and is refused with reasons.
 * Screenshots go to test-output/screenshots/ (wb-*.png). Waits are for selectors or responses.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltConsole, repoRoot, startServer, type RunningServer } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = join(repoRoot, 'test-output', 'screenshots');
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
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(server.url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Weiyun@demo1');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-menu').waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
  await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled' });
}

/** An input by test id, whether antd put the id on the input or on its wrapper. */
const input = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

/** Picks the first option of the open antd Select. */
async function firstOption(page: Page, text?: RegExp): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await (text ? open.filter({ hasText: text }) : open).first().click();
}

describe('waybill pages in a browser', () => {
  let plate = '';

  it('a company creates a waybill without a driver and sees the failed check’s reason, live and after submitting', async () => {
    const page = await signedIn('huayun.admin');
    await page.getByTestId('main-menu').getByText('运单管理').click();
    await page.getByTestId('list-waybills').waitFor();
    await page.getByTestId('wb-create').click();
    const form = page.getByTestId('waybill-form');
    await form.waitFor();
    await input(page, 'wb-consignorName').fill('盘锦石化销售公司');
    await input(page, 'wb-consignorPhone').fill('0427-2812345');
    await input(page, 'wb-consigneeName').fill('营口港务集团');
    await input(page, 'wb-consigneePhone').fill('13840700001');
    await input(page, 'wb-origin').fill('辽东湾新区充装站');
    await input(page, 'wb-destination').fill('营口港鲅鱼圈港区');
    // Tomorrow morning: a planned departure more than a day in the past is refused (time.past).
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await input(page, 'wb-departure').fill(`${tomorrow}T08:30`);
    await page.getByTestId('wb-vehicle').click();
    await firstOption(page);
    // The UN picker searches the catalogue and shows the class.
    await form.getByTestId('goods-picker').click();
    const goods = page.waitForResponse((r) => r.url().includes('/api/goods?') && r.status() === 200);
    await page.keyboard.type('1203');
    await goods;
    await firstOption(page, /UN1203/);
    await input(page, 'wb-quantity-0').fill('8000');
    // The dry run answers beside the form: no driver was chosen, so that check fails with its reason.
    const live = page.getByTestId('live-check-results');
    await live.getByTestId('check-DRIVER_MISSING').getByText('未配备驾驶员，或驾驶员已离职').waitFor();
    expect(await live.getByTestId('check-DRIVER_MISSING').getAttribute('data-passed')).toBe('false');
    await shot(page, 'wb-01-form-live-check');

    await page.getByTestId('wb-save-submit').click();
    const drawer = page.getByTestId('waybill-drawer');
    const refused = page.getByTestId('wb-form-errors');
    await drawer
      .or(refused)
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: join(shots, 'wb-02a-save-debug.png') });
        throw e;
      });
    if (await refused.isVisible()) throw new Error(`save refused: ${await refused.textContent()}`);
    await drawer
      .getByTestId('wb-status')
      .or(page.getByTestId('wb-load-error'))
      .waitFor({ timeout: 20_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: join(shots, 'wb-02a-drawer-debug.png') });
        throw e;
      });
    await drawer.getByTestId('wb-status').getByText('核查未通过').waitFor();
    await drawer.getByTestId('check-DRIVER_MISSING').getByText('未配备驾驶员，或驾驶员已离职').waitFor();
    // The history records the creation, the submission and the failed check.
    await drawer.getByTestId('wb-history').getByText('草稿').first().waitFor();
    await shot(page, 'wb-02-drawer-check-failed');

    // In English the same reason comes in English (the results carry both languages).
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="list-waybills"] .ant-table-row').first().click();
    await drawer
      .getByTestId('check-DRIVER_MISSING')
      .getByText('No driver is assigned', { exact: false })
      .waitFor();
    const listed = await page.evaluate(async () => {
      const r = await fetch('/api/waybills?pageSize=1');
      return ((await r.json()) as { items: { plate: string; status: string }[] }).items[0]!;
    });
    expect(listed.status).toBe('check_failed');
    plate = listed.plate;
    await page.context().close();
  }, 480_000);

  it('the filling site looks the vehicle up, sees the net mass live and is refused with reasons', async () => {
    expect(plate).not.toBe('');
    const page = await signedIn('filling.liaodongbay');
    await page.getByTestId('main-menu').getByText('充装查验').click();
    await page.getByTestId('filling-page').waitFor();
    await input(page, 'lookup-box').fill(plate);
    await input(page, 'lookup-box').press('Enter');
    const verdict = page.getByTestId('filling-verdict');
    await verdict.getByText('不得充装').waitFor();
    // No active waybill that passed its checks: the reason is listed.
    expect(await verdict.getByTestId('findings').locator('.ant-list-item').count()).toBeGreaterThan(0);
    // The vehicle's record and its certificates with their validity.
    await page.getByTestId('subject').getByText(plate, { exact: true }).waitFor();
    await input(page, 'gross').fill('31000');
    await input(page, 'tare').fill('14500');
    await page.getByTestId('net').getByText('16,500').waitFor();
    await page.getByTestId('record-weighing').click();
    const result = page.getByTestId('weighing-result');
    await result.getByText(/拒绝充装/).waitFor();
    expect(await result.getByTestId('findings').locator('.ant-list-item').count()).toBeGreaterThan(0);
    await shot(page, 'wb-03-filling-refused');
    await page.context().close();
  }, 480_000);
});
