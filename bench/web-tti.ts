/**
 * Time to interactive of every screen of the web app (docs/performance.md "Web app"): a real
 * `journeylens serve` on the demo company (50,000 customers, about 1M events), Debian's
 * Chromium at 1280×800, the analysis already computed (serve keeps it warm). A screen is
 * interactive when its heading is shown and no loading indicator is left in it.
 *
 * Two ways in, each measured `RUNS` times: opening the screen's address in a new tab (the
 * bundle, the session check and the screen's requests; the browser's HTTP cache warm, as for a
 * returning user), and moving to it from another screen through the navigation.
 *
 *   npm run build && node dist/bench/web-tti.js [customers] [runs]
 *
 * The demo is made once into bench/out/ (git-ignored) and reused.
 */
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../src/server/chromium.js';
import { OUT } from './inputs.js';
import { newDemoWorkspace, startServe } from './serve-process.js';

const CUSTOMERS = Number(process.argv[2] ?? 50_000);
const RUNS = Number(process.argv[3] ?? 5);
const VIEWPORT = { width: 1280, height: 800 };
const TARGET_MS = 1000;

type TDemo = { dir: string; email: string; password: string; customers: number };

async function demo(): Promise<TDemo> {
  const meta = join(OUT, 'web-tti.json');
  if (existsSync(meta)) {
    const m = JSON.parse(await readFile(meta, 'utf8')) as TDemo;
    if (m.customers === CUSTOMERS && existsSync(join(m.dir, 'journeylens.yaml'))) return m;
  }
  await mkdir(OUT, { recursive: true });
  process.stderr.write(`making the demo company (${CUSTOMERS} customers)…\n`);
  const made = {
    ...(await newDemoWorkspace(CUSTOMERS, join(OUT, 'web-tti-'))),
    customers: CUSTOMERS,
  };
  await writeFile(meta, JSON.stringify(made));
  return made;
}

/** Milliseconds from `since` (page clock) until the screen is interactive. */
async function interactiveAfter(page: Page, heading: string, since: number): Promise<number> {
  const handle = await page
    .waitForFunction(
      ({ heading, since }) => {
        const h = document.querySelector('main h2');
        const busy = document.querySelector('main [role="status"], main [aria-busy="true"]');
        return h?.textContent?.trim() === heading && busy === null
          ? performance.now() - since
          : false;
      },
      { heading, since },
      { polling: 'raf', timeout: 60_000 },
    )
    .catch((e: unknown) => {
      throw new Error(`${heading} (${page.url()}) was not interactive within 60 s`, { cause: e });
    });
  return (await handle.jsonValue()) as number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const d = await demo();
  const started = performance.now();
  const server = await startServe(d.dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, baseURL: server.url });
    const page = await context.newPage();
    const login = await page.request.post('/api/auth/login', {
      data: { email: d.email, password: d.password },
    });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
    // Wait for the analysis the server computes at start (the first answer waits for it).
    const summary = await page.request.get('/api/analysis/summary', { timeout: 300_000 });
    if (!summary.ok()) throw new Error(`summary: ${summary.status()}`);
    const ready = (performance.now() - started) / 1000;
    process.stderr.write(`server and analysis ready in ${ready.toFixed(1)} s\n`);

    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.waitFor();
    const links = await nav
      .getByRole('link')
      .evaluateAll((as) =>
        as.map((a) => ({ label: a.textContent?.trim() ?? '', path: a.getAttribute('href') ?? '' })),
      );
    const headingOf = new Map<string, string>();
    for (const l of links) {
      await page.goto(l.path);
      await page.locator('main h2').first().waitFor({ timeout: 60_000 });
      headingOf.set(l.path, (await page.locator('main h2').first().innerText()).trim());
    }

    const rows: { screen: string; path: string; load: number[]; nav: number[] }[] = [];
    for (const l of links) {
      const heading = headingOf.get(l.path) ?? l.label;
      const load: number[] = [];
      const viaNav: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const tab = await context.newPage();
        await tab.goto(l.path, { waitUntil: 'commit' });
        load.push(await interactiveAfter(tab, heading, 0));
        await tab.close();

        const other = links.find((x) => x.path !== l.path) ?? l;
        await page.goto(other.path);
        await interactiveAfter(page, headingOf.get(other.path) ?? other.label, 0);
        const t0 = await page.evaluate(() => performance.now());
        await nav.getByRole('link', { name: l.label, exact: true }).click();
        viaNav.push(await interactiveAfter(page, heading, t0));
      }
      rows.push({ screen: l.label, path: l.path, load, nav: viaNav });
      process.stderr.write(
        `${l.label}: open ${median(load).toFixed(0)} ms, from the navigation ${median(viaNav).toFixed(0)} ms\n`,
      );
    }

    const result = {
      date: new Date().toISOString(),
      customers: d.customers,
      runs: RUNS,
      targetMs: TARGET_MS,
      screens: rows.map((r) => ({
        screen: r.screen,
        path: r.path,
        openMedianMs: Math.round(median(r.load)),
        openMaxMs: Math.round(Math.max(...r.load)),
        navMedianMs: Math.round(median(r.nav)),
        navMaxMs: Math.round(Math.max(...r.nav)),
      })),
    };
    const met = result.screens.every((s) => s.openMaxMs <= TARGET_MS && s.navMaxMs <= TARGET_MS);
    await writeFile(join(OUT, 'web-tti-result.json'), JSON.stringify({ ...result, met }, null, 1));
    process.stdout.write(
      '| screen | open (median / max) | from the navigation (median / max) |\n|---|---|---|\n' +
        result.screens
          .map(
            (s) =>
              `| ${s.screen} | ${s.openMedianMs} / ${s.openMaxMs} ms | ${s.navMedianMs} / ${s.navMaxMs} ms |`,
          )
          .join('\n') +
        `\n\ntarget ≤ ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

await main();
