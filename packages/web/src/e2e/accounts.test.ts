/**
 * Browser test of the administration pages as a company admin (huayun.admin): the users page
 * lists only its company's accounts; an API key is created, its full key shown once, used to post
 * a position for one of the company's vehicles (accepted), then revoked in the console (the same
 * post answers 401). Debian's chromium via playwright-core, the real server in demo mode.
 * Screenshots go to test-output/screenshots/ (acct-*.png). Waits are for selectors or responses.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fresh, launch, PASSWORD, shot, signIn } from './browser.js';
import { ensureBuiltConsole, startServer, type RunningServer } from './server.js';

const HUAYUN = '7e000000-0000-4000-8000-000000000001';
const HUAYUN_NAME = '盘锦华运危货运输有限公司';

let server: RunningServer;
let browser: Browser;
let page: Page;
/** What the API says as huayun.admin: its users, one filed and active vehicle. */
let usernames: string[] = [];
let vehicle: { plate: string; plateColour: number };

async function token(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, tokenIn: 'body' }),
  });
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  ensureBuiltConsole();
  server = await startServer();
  browser = await launch();
  const bearer = { authorization: `Bearer ${await token('huayun.admin')}` };
  const users = await fetch(`${server.url}/api/users?limit=200`, { headers: bearer });
  usernames = ((await users.json()) as { items: { username: string }[] }).items.map((u) => u.username);
  const list = await fetch(`${server.url}/api/archives/vehicles?pageSize=100`, { headers: bearer });
  const items = (
    (await list.json()) as {
      items: { plate: string; plateColour: number; filingStatus: string; operatingStatus: string }[];
    }
  ).items;
  const v = items.find((x) => x.filingStatus === 'filed' && x.operatingStatus === 'active');
  if (!v) throw new Error('no filed, active demo vehicle of 华运');
  vehicle = { plate: v.plate, plateColour: v.plateColour };
  const { page: p } = await fresh(browser);
  page = p;
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await signIn(page, server.url, 'huayun.admin');
  await page.getByTestId('user-menu').waitFor();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

/** Picks an option of the open antd Select. */
async function openOption(p: Page, text: RegExp): Promise<void> {
  const open = p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await open.filter({ hasText: text }).first().click();
}

/** Answers the open confirmation (closed ones stay in the page, hidden). */
async function confirm(p: Page): Promise<void> {
  await p.locator('.ant-popover:not(.ant-popover-hidden) [data-testid="confirm-ok"]').click();
}

/** One position of the company's vehicle a minute ago, posted with `credential`. */
async function postPosition(credential: string): Promise<Response> {
  return fetch(`${server.url}/api/ingest/positions`, {
    method: 'POST',
    headers: { authorization: `ApiKey ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      positions: [
        {
          plateNumber: vehicle.plate,
          plateColour: vehicle.plateColour,
          deviceTime: new Date(Date.now() - 60_000).toISOString(),
          lat: 41.12,
          lon: 122.07,
          speed: 40,
          heading: 90,
          altitude: 5,
        },
      ],
    }),
  });
}

describe('administration as a company admin', () => {
  it('the users page lists only the company’s own accounts', async () => {
    expect(usernames).toEqual(expect.arrayContaining(['huayun.admin', 'huayun.monitor']));
    expect(usernames).not.toContain('liaohe.admin');
    expect(usernames).not.toContain('admin');
    await page.getByTestId('main-menu').getByText('用户管理').click();
    await page.getByTestId('users-page').waitFor();
    const rows = page.locator('[data-testid="user-list"] tr.ant-table-row');
    await rows.filter({ hasText: 'huayun.monitor' }).waitFor();
    // Every row's scope names the company (the names load after the rows).
    await page
      .locator('[data-testid="user-list"] tr.ant-table-row', { hasText: `企业：${HUAYUN_NAME}` })
      .nth(usernames.length - 1)
      .waitFor();
    const texts = await rows.allTextContents();
    expect(texts).toHaveLength(usernames.length);
    for (const u of usernames) expect(texts.some((t) => t.includes(u))).toBe(true);
    for (const t of texts) expect(t).toContain(`企业：${HUAYUN_NAME}`);
    expect(texts.join('\n')).not.toContain('liaohe');
    await shot(page, 'acct-01-users');
  }, 300_000);

  it('creates an API key, shows it once, posts a position with it, and a revoked key is refused', async () => {
    await page.getByTestId('main-menu').getByText('API 密钥').click();
    await page.getByTestId('api-keys-page').waitFor();
    await page.getByTestId('key-create').click();
    await page.getByTestId('key-form').waitFor();
    await page.getByTestId('key-name').fill('华运监控平台');
    // The company's own company, fixed.
    await page.getByTestId('key-own-company').getByText(`企业：${HUAYUN_NAME}`).waitFor();
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/api-keys') && r.request().method() === 'POST',
    );
    await page.getByTestId('key-save').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const body = (await res.json()) as {
      credential: string;
      apiKey: { id: string; scope: unknown; permissions: string[] };
    };
    // The company admin's key is its own company's, for posting positions.
    expect(body.apiKey.scope).toEqual({ kind: 'enterprise', enterpriseId: HUAYUN });
    expect(body.apiKey.permissions).toEqual(['ingest:positions']);
    expect(body.credential.startsWith(`${body.apiKey.id}.`)).toBe(true);

    const shown = page.getByTestId('key-created');
    await shown.waitFor();
    expect(await page.getByTestId('key-secret').textContent()).toBe(body.credential);
    expect(await shown.textContent()).toContain('只显示这一次');
    expect(await shown.textContent()).toContain(`Authorization: ApiKey ${body.credential}`);
    await shot(page, 'acct-02-key-once');
    await page.getByTestId('key-done').click();
    await shown.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="key-list"] tr.ant-table-row', { hasText: '华运监控平台' });
    await row.getByText('有效').waitFor();
    // Not shown again: the key appears nowhere on the page once the window is closed.
    expect(await page.content()).not.toContain(body.credential.split('.')[1]);

    const accepted = await postPosition(body.credential);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { accepted: number }).accepted).toBe(1);

    await page.getByTestId('key-revoke-华运监控平台').click();
    const revoked = page.waitForResponse((r) => r.url().endsWith(`/api/api-keys/${body.apiKey.id}/revoke`));
    await confirm(page);
    expect((await revoked).status()).toBe(200);
    await row.getByText('已吊销').waitFor();
    await shot(page, 'acct-03-key-revoked');

    const refused = await postPosition(body.credential);
    expect(refused.status).toBe(401);
  }, 300_000);

  it('creates an account for the company (server refusals on their fields), resets its password once, deletes it', async () => {
    await page.getByTestId('main-menu').getByText('用户管理').click();
    await page.getByTestId('users-page').waitFor();
    await page.getByTestId('user-create').click();
    const form = page.getByTestId('user-form');
    await form.waitFor();
    await page.getByTestId('user-username').fill('huayun.monitor');
    await page.getByTestId('user-display-name').fill('华运夜班监控员');
    await page.getByTestId('user-password').fill('short');
    // Too weak: the server's message on the password field.
    await page.getByTestId('user-save').click();
    await form.getByText('密码不符合要求').waitFor();
    await page.getByTestId('user-password').fill('Huayun#Night2026');
    // Taken: the server's conflict on the username field.
    await page.getByTestId('user-save').click();
    await form.getByText('数据已被修改或已存在').waitFor();
    await page.getByTestId('user-username').fill('huayun.night');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/users') && r.request().method() === 'POST',
    );
    await page.getByTestId('user-save').click();
    const res = await created;
    expect(res.status()).toBe(201);
    expect(((await res.json()) as { role: string; scope: unknown }).scope).toEqual({
      kind: 'enterprise',
      enterpriseId: HUAYUN,
    });
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="user-list"] tr.ant-table-row', { hasText: 'huayun.night' });
    await row.getByText('企业监控员').waitFor();
    await row.getByText('需改密码').waitFor();

    await row.getByRole('button', { name: '重置密码' }).click();
    const reset = page.waitForResponse((r) => r.url().endsWith('/password-reset'));
    await confirm(page);
    const temporary = ((await (await reset).json()) as { temporaryPassword: string }).temporaryPassword;
    expect(await page.getByTestId('temp-password').textContent()).toBe(temporary);
    await shot(page, 'acct-04-temp-password');
    await page
      .getByRole('button', { name: '关 闭' })
      .or(page.getByRole('button', { name: '关闭' }))
      .click();
    await page.getByTestId('temp-password').waitFor({ state: 'detached' });
    // The temporary password signs in (and must be changed).
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'huayun.night', password: temporary, tokenIn: 'body' }),
    });
    expect(login.status).toBe(200);

    await row.getByRole('button', { name: '删除' }).click();
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE');
    await confirm(page);
    expect((await deleted).status()).toBe(204);
    await row.waitFor({ state: 'detached' });

    // English: the same pages under the administration menu.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('main-menu').getByText('Administration').waitFor();
    await page.getByTestId('main-menu').getByText('API keys').waitFor();
    await page.getByTestId('user-list').getByText('Company monitor').first().waitFor();
  }, 300_000);
});

describe('administration as the system admin', () => {
  it('gives a checkpoint officer a checkpoint picked by name, and finds it in the audit log', async () => {
    const { context, page: admin } = await fresh(browser);
    admin.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await signIn(admin, server.url, 'admin');
    await admin.getByTestId('user-menu').waitFor();
    await admin.getByTestId('main-menu').getByText('用户管理').click();
    await admin.getByTestId('users-page').waitFor();
    await admin.getByTestId('user-create').click();
    await admin.getByTestId('user-form').waitFor();
    await admin.getByTestId('user-username').fill('g305.night');
    await admin.getByTestId('user-display-name').fill('G305 夜班查验员');
    await admin.getByTestId('user-password').fill('G305#Night2026');
    await admin.getByTestId('user-role').click();
    await admin.keyboard.type('检查站');
    await openOption(admin, /^检查站$/);
    // The checkpoint is picked from the archive by name, not typed as an id.
    await admin.getByTestId('user-place').click();
    await admin.keyboard.type('G305');
    await openOption(admin, /G305/);
    const created = admin.waitForResponse(
      (r) => r.url().endsWith('/api/users') && r.request().method() === 'POST',
    );
    await admin.getByTestId('user-save').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const user = (await res.json()) as { id: string; scope: unknown };
    expect(user.scope).toEqual({ kind: 'checkpoint', placeId: '7c000000-0000-4000-8000-000000000001' });
    const row = admin.locator('[data-testid="user-list"] tr.ant-table-row', { hasText: 'g305.night' });
    await row.getByText('检查站：G305 双台子登记点').waitFor();

    await admin.getByTestId('main-menu').getByText('审计日志').click();
    await admin.getByTestId('audit-page').waitFor();
    await admin.getByPlaceholder('对象 ID').fill(user.id);
    const searched = admin.waitForResponse((r) => r.url().includes(`targetId=${user.id}`));
    await admin.getByTestId('audit-search').click();
    const found = (await (await searched).json()) as { items: { action: string }[] };
    expect(found.items.map((i) => i.action)).toEqual(['user.create']);
    const entry = admin.locator('[data-testid="audit-list"] tr.ant-table-row', { hasText: 'user.create' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('系统管理员');
    await shot(admin, 'acct-05-audit');
    await context.close();
  }, 300_000);
});
