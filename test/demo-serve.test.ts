/**
 * `journeylens demo` without `--no-serve` (what `npm run demo` runs): after the analysis it
 * serves the demo company, prints the address and a demo login that works, serves the web
 * app there, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { assertBuilt, BIN } from './cli.js';

let dir: string | undefined;
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it('ends by serving the demo company with a login it prints', async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-demo-serve-'));
  const child = spawn(
    process.execPath,
    [BIN, 'demo', '--customers', '300', '--out', join(dir, 'demo'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  try {
    await expect
      .poll(() => /sign in as \S+ with password \S+/.test(stdout), {
        timeout: 120_000,
        interval: 200,
      })
      .toBe(true);
    const url = /Journeylens on (http:\/\/\S+)/.exec(stdout)?.[1] ?? '';
    const [, email = '', password = ''] = /sign in as (\S+) with password (\S+)/.exec(stdout) ?? [];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout).toContain('The full report:');

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ kind: 'user', email, role: 'admin' });
  } finally {
    child.kill('SIGTERM');
    // Never leave a server behind, even when the test failed.
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  }
  expect(await exited).toBe(0);
}, 300_000);
