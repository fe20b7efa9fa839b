/**
 * Browser tests: the real `journeylens serve` on a small demo company, and Debian's Chromium
 * driven by playwright-core (never a downloaded browser). Without Chromium the tests skip with
 * a message, except in CI (`CI` set), where a missing browser is a failure: .ci/run installs
 * it. Screenshots go to e2e/.out/ (not committed); the README's come from `npm run screenshots`.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { newDemoWorkspace, startServe, type TServeProcess } from '../bench/serve-process.js';
import { readConfig } from '../src/config.js';
import type { TRole } from '../src/service/auth/roles.js';
import { DEBIAN_CHROMIUM, launchChromium } from '../src/server/chromium.js';
import { LoginPage } from './pages/app-page.js';

export const CHROMIUM = DEBIAN_CHROMIUM;
export const OUT = join(import.meta.dirname, '.out');
export const VIEWPORT = { width: 1280, height: 800 };

const ci = readConfig().ci;
const available = existsSync(CHROMIUM);
if (!available && !ci) {
  process.stderr.write(
    `browser tests skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)\n`,
  );
}

/** `describe` for browser tests: skipped without Chromium, except in CI where it fails. */
export const describeBrowser: typeof describe =
  available || ci ? describe : (describe.skip as typeof describe);

export function launchBrowser(): Promise<Browser> {
  if (!available) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`,
    );
  }
  return launchChromium(CHROMIUM);
}

export type TDemoServer = TServeProcess & {
  dir: string;
  email: string;
  password: string;
  close(): Promise<void>;
};

/** A small demo company (fixed seed) served on a free port, with an admin to sign in as. */
export async function demoServer(customers = 3000): Promise<TDemoServer> {
  const demo = await newDemoWorkspace(customers);
  const server = await startServe(demo.dir);
  return {
    ...server,
    ...demo,
    close: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(demo.dir, { recursive: true, force: true });
    },
  };
}

/** A browser context at 1280×800 on the server (relative paths work), collecting page errors. */
export async function newPage(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The browser logs every 401 as an error; asking who is signed in before signing in is not one.
    if (m.type() === 'error' && !m.text().includes('status of 401')) errors.push(m.text());
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(OUT, { recursive: true });
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * A demo server (`customers` of them, 3,000 unless said) and Chromium for the tests of one
 * `describe`, started together before them and closed after (each within `timeoutMs`); read
 * `demo.server` and `demo.browser` inside the tests.
 */
export function demoAndBrowser(customers?: number, timeoutMs = 120_000): TDemo {
  const demo = {} as TDemo;
  beforeAll(async () => {
    [demo.server, demo.browser] = await Promise.all([demoServer(customers), launchBrowser()]);
  }, timeoutMs);
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.close();
  }, timeoutMs);
  return demo;
}

export type TDemo = { server: TDemoServer; browser: Browser };
export type TUser = { email: string; password: string };

/**
 * A new page (a browser context of its own) signed in, once the screen's heading is shown.
 * By default: as the demo's admin, from `/`, on the Overview; `user` signs in someone else
 * (see `addUser`), `path` opens another address first and `heading` is the screen expected.
 */
export async function signedInPage(
  demo: TDemo,
  {
    user = demo.server,
    path = '/',
    heading = 'Overview',
  }: { user?: TUser; path?: string; heading?: string } = {},
) {
  const opened = await newPage(demo.browser, demo.server.url);
  const login = new LoginPage(opened.page);
  await login.open(path);
  await login.signIn(user.email, user.password);
  await opened.page.getByRole('heading', { level: 2, name: heading }).waitFor();
  return opened;
}

/** The CSRF token of a signed-in page's session, for a request that changes something. */
export async function csrfToken(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'jl_csrf');
  return decodeURIComponent(cookie?.value ?? '');
}

/**
 * A person added with a role (and a team, for a team member) through the admin API, with the
 * session of `admin` (a page signed in as the demo's admin); throws unless the person was
 * created. Sign them in with `signedInPage(demo, { user })`.
 */
export async function addUser(
  admin: Page,
  user: TUser & { role: TRole; team?: string },
): Promise<TUser> {
  const res = await admin.request.post('/api/admin/users', {
    headers: { 'x-csrf-token': await csrfToken(admin) },
    data: user,
  });
  if (res.status() !== 201) {
    throw new Error(`adding ${user.email}: ${res.status()} ${await res.text()}`);
  }
  return { email: user.email, password: user.password };
}
