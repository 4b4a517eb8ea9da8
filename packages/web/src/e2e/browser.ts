/** Shared browser-test helpers: Debian's chromium via playwright-core, a fresh context, sign-in, screenshots. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const PASSWORD = 'Weiyun@demo1';
export const shots = join(repoRoot, 'test-output', 'screenshots');
/** A loaded 2-core machine shared by the browser, the server and other test files: generous waits. */
export const WAIT = 120_000;

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
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
}

export async function fresh(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, url: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function shot(page: Page, name: string): Promise<void> {
  // Let loading masks (and their fade) go before the picture.
  await page.locator('.ant-spin-spinning, .ant-spin-blur').first().waitFor({ state: 'detached' });
  await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled' });
}

/**
 * Closes a drawer by its close button once the page's toasts are gone. A toast ("操作成功") can
 * lie over the button, and Ant Design holds a toast open while the pointer is on it: a click
 * aimed at the button kept the toast open and the click intercepted until the test timed out.
 */
export async function closeDrawer(page: Page, drawerTestId: string): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
  await page.getByTestId(drawerTestId).locator('.ant-drawer-close').click();
}

/**
 * Submits the open alarm step's form and waits for the server's answer, which must be a success:
 * when a step fails, the test says with what status and message, instead of timing out later on
 * a step that never showed (alarms-track's county review once did, in CI, with nothing to go on).
 */
export async function submitStep(page: Page): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        /^\/api\/alarms\/[0-9a-f-]{36}\/[a-z-]+$/.test(new URL(r.url()).pathname),
      { timeout: WAIT },
    ),
    page.getByTestId('action-submit').click(),
  ]);
  if (!response.ok())
    throw new Error(
      `alarm step ${new URL(response.url()).pathname}: ${response.status()} ${await response.text()}`,
    );
}
