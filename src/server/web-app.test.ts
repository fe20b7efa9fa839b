import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TTestApp } from './test-kit.js';
import { webAppModule } from './web-app.js';

let dir: string;
let t: TTestApp;
let unbuilt: TTestApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-web-'));
  await mkdir(join(dir, 'web', 'assets'), { recursive: true });
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(dir, 'web', 'assets', 'main-abc123.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'not for the web');
  t = await testApp([webAppModule(join(dir, 'web'))]);
  unbuilt = await testApp([webAppModule(join(dir, 'nothing-here'))]);
});
afterAll(async () => {
  await t.close();
  await unbuilt.close();
  await rm(dir, { recursive: true, force: true });
});

it('serves the built files, hashed assets cached for a year', async () => {
  const res = await t.call('anonymous', '/assets/main-abc123.js');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(res.headers.get('cache-control')).toContain('immutable');
  expect(await res.text()).toBe('console.log(1)');
});

it("answers the app's own addresses with index.html, never cached", async () => {
  for (const path of ['/', '/journey-map', '/process-map?segment=vip']) {
    const res = await t.call('anonymous', path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<div id="root">');
  }
});

it('never serves a file outside the build folder', async () => {
  for (const path of [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
  ]) {
    const res = await t.call('anonymous', path);
    expect(await res.text(), path).not.toContain('not for the web');
  }
});

it('says a missing file is missing, and leaves /api to the API', async () => {
  expect((await t.call('anonymous', '/assets/gone-000.js')).status).toBe(404);
  const api = await t.call('anonymous', '/api/nothing');
  expect(api.status).toBe(404);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
});

it('explains what to do when the app is not built', async () => {
  const res = await unbuilt.call('anonymous', '/journey-map');
  expect(res.status).toBe(503);
  expect(await res.text()).toContain('npm run build');
});
