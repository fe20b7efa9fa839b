/**
 * The app's frame in a real browser: signing in (and a wrong password), the overview's figures
 * against the API, addresses that can be bookmarked, the keyboard, and signing out.
 */
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { TSummary } from '../src/web/analysis-types.js';
import { demoAndBrowser, describeBrowser, newPage, screenshot, signedInPage } from './harness.js';
import { AppPage, LoginPage, OverviewPage } from './pages/app-page.js';

describeBrowser('the app in Chromium', () => {
  const demo = demoAndBrowser();

  it('refuses a wrong password with a message, then signs in to the overview', async () => {
    const { server, browser } = demo;
    const { page, context, errors } = await newPage(browser, server.url);
    const login = new LoginPage(page);
    await login.open('/');
    await login.signIn(server.email, 'not the password at all');
    await expect.poll(() => login.alert().innerText()).toContain('wrong e-mail or password');
    await login.signIn(server.email, server.password);
    const overview = new OverviewPage(page);
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    await overview.settled();

    const summary = await overview.api<TSummary>('/api/analysis/summary');
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    expect(await overview.figure('Customers')).toBe(n(summary.journeys.customers));
    expect(await overview.figure('Journeys')).toBe(n(summary.journeys.journeys));
    expect(await overview.figure('Friction occurrences')).toBe(n(summary.friction.occurrences));
    expect(await overview.figure('Survey responses')).toBe(n(summary.feedback.responses));
    const first = summary.stages[0];
    if (first === undefined) throw new Error('the demo has no stages');
    expect((await overview.stageRow(first.stage)).slice(0, 2)).toEqual([
      first.stage,
      n(first.customers),
    ]);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a bookmarked address after signing in, and signs out', async () => {
    const { server, browser } = demo;
    const { page, context, errors } = await newPage(browser, server.url);
    await page.goto('/no-such-screen');
    const login = new LoginPage(page);
    await login.signIn(server.email, server.password);
    await page.getByText('There is no screen at /no-such-screen.').waitFor();
    const app = new AppPage(page);
    await app.goTo('Overview');
    expect(new URL(page.url()).pathname).toBe('/');
    await app.signOut();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('can be used with the keyboard alone', async () => {
    const { server, browser } = demo;
    const { page, context } = await newPage(browser, server.url);
    const login = new LoginPage(page);
    await login.open('/');
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    await context.close();
  });

  it('downloads the report as a PDF printed by Chromium', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const overview = new OverviewPage(page);
    await overview.settled();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('link', { name: 'Report as PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^journeylens-.+\.pdf$/);
    const path = await download.path();
    const head = (await readFile(path)).subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    expect(errors).toEqual([]);
    await context.close();
  });
});
