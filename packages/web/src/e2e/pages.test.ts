/**
 * Browser tests of the checkpoint and emergency-card screens, the regulators' zone and threshold
 * pages and the big screen (Debian's chromium, playwright-core, the real server in demo mode). Screenshots go to
 * test-output/screenshots/ (pg-*.png). Waits are for selectors or responses, never fixed sleeps.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fresh, launch, PASSWORD, shot, signIn, WAIT } from './browser.js';
import { ensureBuiltConsole, startServer, type RunningServer } from './server.js';

let server: RunningServer;
let browser: Browser;
/** A demo vehicle's plate, read through the API as the city. */
let plate = '';

beforeAll(async () => {
  ensureBuiltConsole();
  server = await startServer();
  browser = await launch();
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'city', password: PASSWORD, tokenIn: 'body' }),
  });
  const { token } = (await login.json()) as { token: string };
  const list = await fetch(`${server.url}/api/archives/vehicles?pageSize=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  plate = ((await list.json()) as { items: { plate: string }[] }).items[0]!.plate;
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

async function signedIn(username: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { context, page } = await fresh(browser);
  if (viewport) await page.setViewportSize(viewport);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await signIn(page, server.url, username);
  await page.getByTestId('user-menu').waitFor();
  void context;
  return page;
}

/** An input by test id, whether antd put the id on the input or on its wrapper. */
const input = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

describe('front-line screens', () => {
  it('the checkpoint officer looks a vehicle up, sees why it is flagged and records a manual flag', async () => {
    const page = await signedIn('checkpoint.g305');
    await page.getByTestId('main-menu').getByText('登记点查验').click();
    await page.getByTestId('checkpoint-page').waitFor();
    await input(page, 'lookup-box').fill(plate);
    await input(page, 'lookup-box').press('Enter');
    const verdict = page.getByTestId('checkpoint-verdict');
    // The demo vehicle has no active waybill: flagged, with the findings listed.
    await verdict.getByText('发现问题').waitFor();
    expect(await verdict.getByTestId('findings').locator('.ant-list-item').count()).toBeGreaterThan(0);
    await page.getByTestId('subject').getByText(plate, { exact: true }).waitFor();
    await page.getByTestId('checkpoint-note').fill('现场核查：无随车运单');
    const recorded = page.waitForResponse((r) => r.url().includes('/manual-passes') && r.status() === 201);
    await page.getByRole('button', { name: '标记问题' }).click();
    await recorded;
    await page.getByText('已记录').first().waitFor();
    await shot(page, 'pg-01-checkpoint-flagged');
    await page.context().close();
  }, 300_000);

  it('the emergency responder asks for a card and is told there is no active waybill', async () => {
    const page = await signedIn('emergency');
    await page.getByTestId('emergency-page').waitFor();
    await input(page, 'lookup-box').fill(plate);
    await input(page, 'lookup-box').press('Enter');
    await page.getByText('未找到该车辆或运单的有效运单').waitFor();
    expect(await page.getByTestId('emergency-card').count()).toBe(0);
    await shot(page, 'pg-02-emergency-no-waybill');
    await page.context().close();
  }, 300_000);
});

describe('regulators’ pages', () => {
  it('the city draws a ban zone on the map: two points are refused, three are saved and listed', async () => {
    const page = await signedIn('city', { width: 1600, height: 900 });
    await page.getByTestId('main-menu').getByText('区域管理').click();
    await page.getByTestId('geofences-page').waitFor();
    await page.getByTestId('geofence-create').click();
    const form = page.getByTestId('geofence-form');
    await form.waitFor();
    await input(page, 'geofence-name').fill('测试禁行区');
    const map = form.locator('[data-testid="map"][data-map-ready="yes"]');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const count = form.getByTestId('shape-map-count');
    await page.mouse.click(cx - 60, cy - 40);
    await count.getByText('已画 1 个点').waitFor();
    await page.mouse.click(cx + 60, cy - 40);
    await count.getByText('已画 2 个点').waitFor();
    await page.getByTestId('geofence-save').click();
    await form.getByText('多边形至少需要 3 个不同的顶点').waitFor();
    await page.mouse.click(cx, cy + 50);
    await count.getByText('已画 3 个点').waitFor();
    await shot(page, 'pg-03-geofence-form');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/rules/geofences') && r.request().method() === 'POST',
    );
    await page.getByTestId('geofence-save').click();
    expect((await saved).status()).toBe(201);
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="geofence-list"] tr.ant-table-row', { hasText: '测试禁行区' });
    await row.waitFor();
    expect(await row.textContent()).toContain('禁行区');
    expect(await row.textContent()).toContain('多边形，3 个顶点');
    await shot(page, 'pg-04-geofence-list');
    await page.context().close();
  }, 300_000);

  it('the city sets the city-wide parking threshold: out of range refused on its field, then saved, listed and cleared', async () => {
    const page = await signedIn('city', { width: 1600, height: 900 });
    await page.getByTestId('main-menu').getByText('规则阈值').click();
    await page.getByTestId('params-page').waitFor();
    const cityRow = page.locator('[data-testid="params-list"] tr.ant-table-row', { hasText: '全市' }).first();
    await cityRow.getByText('未设置（按默认值）').waitFor();
    await page.getByTestId('params-edit-city').click();
    const form = page.getByTestId('params-form');
    await form.waitFor();
    // One input per parameter the server knows, each showing the regulations' default.
    const known = await page.evaluate(async () => {
      const res = await fetch('/api/rules/params');
      return Object.keys(((await res.json()) as { defaults: Record<string, number> }).defaults).sort();
    });
    const shown = await form
      .locator('[data-testid^="param-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('param-'.length)).sort());
    expect(shown).toEqual(known);
    await form.locator('#overrides_parkingMinSec_extra').getByText('默认值：30 分钟').waitFor();
    await input(page, 'param-parkingMinSec').fill('10');
    await page.getByTestId('params-save').click();
    await form.getByText('取值范围 60–86400').waitFor();
    await input(page, 'param-parkingMinSec').fill('1200');
    await page.getByTestId('params-basis').fill('盘锦市交通运输局通知（演示）');
    await shot(page, 'pg-05-params-form');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/rules/params/city') && r.request().method() === 'PUT',
    );
    await page.getByTestId('params-save').click();
    expect((await saved).status()).toBe(200);
    await form.waitFor({ state: 'detached' });
    await cityRow.getByText('非指定地点停车超过：20 分钟').waitFor();
    expect(await cityRow.textContent()).toContain('盘锦市交通运输局通知（演示）');
    await shot(page, 'pg-06-params-list');
    // Cleared, the city follows the regulations again (and the demo server is as it was).
    await cityRow.getByText('删除').click();
    const cleared = page.waitForResponse(
      (r) => r.url().endsWith('/api/rules/params/city') && r.request().method() === 'DELETE',
    );
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    expect((await cleared).status()).toBe(204);
    await cityRow.getByText('未设置（按默认值）').waitFor();
    await page.context().close();
  }, 300_000);

  it('a county picks a vehicle of its district and sets its offline threshold, seeing what it inherits', async () => {
    const page = await signedIn('county.xinglongtai', { width: 1600, height: 900 });
    await page.getByTestId('main-menu').getByText('规则阈值').click();
    await page.getByTestId('params-page').waitFor();
    // A county does not edit the city's layer.
    await page.locator('[data-testid="params-list"] tr.ant-table-row', { hasText: '全市' }).first().waitFor();
    expect(await page.getByTestId('params-edit-city').count()).toBe(0);
    await page.getByTestId('params-add-vehicle').click();
    await page.getByTestId('params-pick').click();
    const option = page.locator('.ant-select-item-option').first();
    await option.waitFor();
    const plateChosen = (await option.textContent())!;
    await option.click();
    await page.getByTestId('params-pick-ok').click();
    const form = page.getByTestId('params-form');
    await form.waitFor();
    await page.locator('.ant-modal-title', { hasText: plateChosen }).waitFor();
    await form.locator('#overrides_offlineSec_extra').getByText('上级取值：20 分钟').waitFor();
    // A night that starts (22:00 inherited) and ends at the same minute: the server's refusal,
    // in Chinese, on its field.
    await input(page, 'param-nightEndMinute').fill('1320');
    await page.getByTestId('params-save').click();
    await form.getByText('夜间的开始与结束不能是同一分钟').waitFor();
    await input(page, 'param-nightEndMinute').fill('');
    await input(page, 'param-offlineSec').fill('900');
    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/rules/params/vehicles/') && r.request().method() === 'PUT',
    );
    await page.getByTestId('params-save').click();
    expect((await saved).status()).toBe(200);
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="params-list"] tr.ant-table-row', { hasText: plateChosen });
    await row.getByText('离线超过：15 分钟').waitFor();
    // The row names the vehicle's company; the list filters by plate or company name.
    const company = await page.evaluate(async (plate) => {
      const res = await fetch('/api/rules/params');
      const { layers } = (await res.json()) as { layers: { name: string; enterpriseName: string }[] };
      return layers.find((l) => l.name === plate)!.enterpriseName;
    }, plateChosen);
    expect(await row.textContent()).toContain(company);
    const list = page.locator('[data-testid="params-list"] tr.ant-table-row');
    await input(page, 'params-search').fill('没有这个企业');
    await input(page, 'params-search').press('Enter');
    await row.waitFor({ state: 'detached' });
    expect(await list.count()).toBe(1);
    await input(page, 'params-search').fill(plateChosen.slice(-4));
    await input(page, 'params-search').press('Enter');
    await row.waitFor();
    await shot(page, 'pg-07-params-vehicle');
    // Put back as it was for the other tests.
    await row.getByText('删除').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  }, 300_000);

  it('a company monitor reads the thresholds that apply to it and has nothing to edit', async () => {
    const page = await signedIn('huayun.monitor', { width: 1600, height: 900 });
    await page.getByTestId('main-menu').getByText('规则阈值').click();
    await page.getByTestId('params-page').waitFor();
    await page.locator('[data-testid="params-list"] tr.ant-table-row', { hasText: '全市' }).first().waitFor();
    expect(await page.getByTestId('params-add-vehicle').count()).toBe(0);
    expect(await page.getByTestId('params-edit-city').count()).toBe(0);
    await page.context().close();
  }, 300_000);

  it('the big screen renders its charts at 1920×1080 and scales down to a laptop', async () => {
    const page = await signedIn('city', { width: 1920, height: 1080 });
    await page.goto(`${server.url}/big-screen`);
    const screen = page.getByTestId('big-screen');
    await screen.waitFor();
    for (const chart of [
      'chart-bs-gauge',
      'chart-bs-districts',
      'chart-bs-severity',
      'chart-bs-fleet',
      'chart-bs-class',
    ])
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    // The companies on file come from the seed's tables (via the archive statistics).
    await page
      .getByTestId('bs-companies')
      .filter({ hasText: /^[\d,]+$/ })
      .waitFor();
    expect(Number((await page.getByTestId('bs-companies').textContent())!.replace(/,/g, ''))).toBeGreaterThan(
      0,
    );
    await page.locator('[data-testid="big-map"] [data-map-ready="yes"]').waitFor();
    await shot(page, 'pg-05-big-screen-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.bs-stage[data-scale="0.711"]').waitFor({ timeout: WAIT });
    await shot(page, 'pg-06-big-screen-1366');
    await page.getByTestId('big-screen-exit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.context().close();
  }, 300_000);

  it("Ant Design's own texts follow the console's language: the list pager", async () => {
    const page = await signedIn('city', { width: 1600, height: 900 });
    await page.getByTestId('main-menu').getByText('车辆档案').click();
    await page.locator('.ant-table-row').first().waitFor();
    const sizer = page.locator('.ant-pagination-options .ant-select-selection-item').first();
    await expect.poll(() => sizer.textContent(), { timeout: WAIT }).toBe('20 条/页');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => sizer.textContent(), { timeout: WAIT }).toBe('20 / page');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => sizer.textContent(), { timeout: WAIT }).toBe('20 条/页');
    await page.context().close();
  }, 300_000);

  it('a place’s outline is drawn on the map in its archive form', async () => {
    const page = await signedIn('city', { width: 1600, height: 900 });
    await page.getByTestId('main-menu').getByText('场所（停车场等）').click();
    await page.locator('.ant-table-row').first().waitFor();
    await page
      .getByRole('button', { name: /新\s*建/ })
      .first()
      .click();
    const map = page.locator('[data-testid="polygon-map"] [data-map-ready="yes"]');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const count = page.getByTestId('polygon-map-count');
    // A bow tie: its edges cross, so the form says so.
    await page.mouse.click(cx - 40, cy - 40);
    await page.mouse.click(cx + 40, cy + 40);
    await page.mouse.click(cx + 40, cy - 40);
    await page.mouse.click(cx - 40, cy + 40);
    await count.getByText('已画 4 个点').waitFor();
    await page.getByTestId('record-form').getByText('多边形的边不能相互交叉').waitFor();
    await shot(page, 'pg-07-place-outline');
    await page.context().close();
  }, 300_000);
});
