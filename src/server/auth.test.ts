/**
 * Signing in, sessions, CSRF, API tokens and the limits on failed sign-ins, on the real app
 * (`app.request`, no port) and a real in-memory store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeApiToken } from '../service/auth/accounts.js';
import { createApp } from './app.js';
import { CSRF_HEADER, PrincipalCache } from './auth.js';
import type { TPrincipal } from '../service/auth/roles.js';
import { PASSWORD, testApp, type TTestApp } from './test-kit.js';

let t: TTestApp;
beforeEach(async () => {
  t = await testApp([], { config: { loginAttempts: 3, loginWindowMs: 60_000 } });
});
afterEach(async () => {
  await t.close();
});

const login = (email: string, password: string) =>
  t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.1' },
    body: JSON.stringify({ email, password }),
  });

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const res = await login('CX@example.com', PASSWORD);
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('jl_session='))).toMatch(/HttpOnly; SameSite=Strict/);
    expect(cookies.find((c) => c.startsWith('jl_csrf='))).not.toMatch(/HttpOnly/);
    expect(await res.json()).toMatchObject({ kind: 'user', email: 'cx@example.com', role: 'cx' });
  });

  it('refuses a wrong password or an unknown e-mail with the same answer', async () => {
    const wrong = await login('cx@example.com', 'not the password at all');
    const unknown = await login('nobody@example.com', PASSWORD);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('limits failed sign-ins per e-mail and address, with Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('viewer@example.com', 'wrong password!')).status).toBe(401);
    const blocked = await login('viewer@example.com', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not held up.
    expect((await login('cx@example.com', PASSWORD)).status).toBe(200);
  });

  it('needs the CSRF token to change anything, and logs out', async () => {
    const noCsrf = await t.call('cx', '/api/auth/logout', {
      method: 'POST',
      headers: { [CSRF_HEADER]: 'forged' },
    });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await t.call('cx', '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await t.call('cx', '/api/auth/me')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('admits a token by scope, and not after it is revoked', async () => {
    const me = await t.call('ingest', '/api/auth/me');
    const body = (await me.json()) as { id: string; kind: string; scopes: string[] };
    expect(body).toMatchObject({ kind: 'token', scopes: ['ingest'] });
    // A token cannot sign out: that route admits people only.
    expect((await t.call('ingest', '/api/auth/logout', { method: 'POST' })).status).toBe(403);
    await revokeApiToken(t.context.store, body.id);
    // A server that has not seen the token yet (its cache keeps one for 30 s) refuses it.
    const again = createApp(t.context);
    const res = await again.request('/api/auth/me', {
      headers: { authorization: `Bearer ${t.tokens.get('ingest') ?? ''}` },
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 without credentials, with one error shape', async () => {
    const res = await t.call('anonymous', '/api/auth/me');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'sign in, or send an API token as a Bearer token',
      },
    });
  });
});

describe('the API itself', () => {
  it('serves its OpenAPI 3.1 document and a readable page, logging each request', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/api/auth/login', '/api/auth/logout', '/api/auth/me']);
    const page = await (await t.app.request('/api/docs')).text();
    expect(page).toContain('<code>/api/auth/login</code>');
    expect(page).not.toMatch(/<script|https?:\/\//);
    expect(t.log.lines.some((l) => l.path === '/api/openapi.json' && l.status === 200)).toBe(true);
  });

  it('refuses a body over the limit with 413', async () => {
    const small = await testApp([], { config: { maxBodyBytes: 100 } });
    try {
      const res = await small.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'x'.repeat(200), password: 'y' }),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('the principal cache', () => {
  const machine = (name: string): TPrincipal => ({
    kind: 'token',
    id: name,
    name,
    scopes: ['route'],
  });

  /** A lookup that answers when told to, counting its calls. */
  function lookups() {
    const waiting: ((p: TPrincipal) => void)[] = [];
    return {
      calls: () => waiting.length,
      load: () => new Promise<TPrincipal | undefined>((resolve) => waiting.push(resolve)),
      answer: (i: number, p: TPrincipal) => waiting[i]?.(p),
    };
  }

  it('shares one lookup among the requests that need it at once', async () => {
    const cache = new PrincipalCache(() => 0);
    const l = lookups();
    const asked = Array.from({ length: 20 }, () => cache.get('k', l.load));
    expect(l.calls()).toBe(1);
    l.answer(0, machine('crm'));
    expect((await Promise.all(asked)).every((p) => p?.name === 'crm')).toBe(true);
  });

  it('looks a credential in use up again before it runs out, answering meanwhile', async () => {
    let now = 0;
    const cache = new PrincipalCache(() => now);
    const l = lookups();
    const first = cache.get('k', l.load);
    l.answer(0, machine('crm'));
    await first;
    now = 20_000;
    expect((await cache.get('k', l.load))?.name).toBe('crm');
    expect(l.calls()).toBe(1);
    now = 27_000; // in the last 5 s: refreshed in the background, the cached answer at once
    expect((await cache.get('k', l.load))?.name).toBe('crm');
    expect((await cache.get('k', l.load))?.name).toBe('crm');
    expect(l.calls()).toBe(2);
    l.answer(1, machine('crm renamed'));
    await new Promise((r) => setImmediate(r));
    now = 40_000; // the old entry would have run out; the refreshed one holds
    expect((await cache.get('k', l.load))?.name).toBe('crm renamed');
    expect(l.calls()).toBe(2);
  });

  it('does not bring back a credential forgotten while it was being looked up', async () => {
    const cache = new PrincipalCache(() => 0);
    const l = lookups();
    const pending = cache.get('k', l.load);
    cache.clear();
    l.answer(0, machine('crm'));
    expect((await pending)?.name).toBe('crm');
    void cache.get('k', l.load);
    expect(l.calls()).toBe(2);
  });
});
