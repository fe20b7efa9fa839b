/**
 * Administration over HTTP on the real app and an in-memory store: people, API tokens and
 * the audit trail; admin only; rights taken away take effect at the next request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { adminRoutes } from './admin-routes.js';

type TUser = { id: string; email: string; role: string; team: string | null; disabled: boolean };
type TError = { error: { code: string; message: string } };

let t: TTestApp;
beforeEach(async () => {
  t = await testApp([adminRoutes]);
});
afterEach(async () => {
  await t.close();
});

const send = (who: TCaller, method: string, path: string, body?: unknown) =>
  t.call(who, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
const json = async <T>(res: Response, status: number): Promise<T> => {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
};
const users = async () =>
  (await json<{ users: TUser[] }>(await send('admin', 'GET', '/api/admin/users'), 200)).users;
const userId = async (email: string) => {
  const found = (await users()).find((u) => u.email === email);
  if (found === undefined) throw new Error(`no ${email}`);
  return found.id;
};
const login = (email: string, password: string) =>
  t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('people', () => {
  it('adds a person with a generated password shown once, who can then sign in', async () => {
    const added = await json<{ user: TUser; password: string }>(
      await send('admin', 'POST', '/api/admin/users', {
        email: 'Ana@Example.com',
        role: 'team',
        team: 'logistics',
      }),
      201,
    );
    expect(added.user).toMatchObject({ email: 'ana@example.com', role: 'team', team: 'logistics' });
    expect(added.password.length).toBeGreaterThanOrEqual(20);
    expect((await login('ana@example.com', added.password)).status).toBe(200);
    expect((await users()).map((u) => u.email)).toContain('ana@example.com');
    // The same e-mail again, a team member without a team, a short password.
    const again = await send('admin', 'POST', '/api/admin/users', {
      email: 'ana@example.com',
      role: 'viewer',
    });
    expect((await json<TError>(again, 409)).error.code).toBe('exists');
    const noTeam = await send('admin', 'POST', '/api/admin/users', {
      email: 'b@x.io',
      role: 'team',
    });
    expect((await json<TError>(noTeam, 400)).error.message).toMatch(/^team:/);
    const short = await send('admin', 'POST', '/api/admin/users', {
      email: 'c@x.io',
      role: 'viewer',
      password: 'short',
    });
    expect((await json<TError>(short, 400)).error.message).toBe(
      'password: must be at least 12 characters',
    );
  });

  it('changes a role at once, and disabling ends the sessions', async () => {
    const viewer = await userId('viewer@example.com');
    // The viewer is signed in (and cached) before the change.
    expect((await send('viewer', 'GET', '/api/auth/me')).status).toBe(200);
    const changed = await json<TUser>(
      await send('admin', 'PATCH', `/api/admin/users/${viewer}`, { role: 'cx' }),
      200,
    );
    expect(changed).toMatchObject({ role: 'cx', team: null });
    const me = await json<{ role: string }>(await send('viewer', 'GET', '/api/auth/me'), 200);
    expect(me.role).toBe('cx');
    await json(await send('admin', 'PATCH', `/api/admin/users/${viewer}`, { disabled: true }), 200);
    expect((await send('viewer', 'GET', '/api/auth/me')).status).toBe(401);
    expect((await login('viewer@example.com', PASSWORD)).status).toBe(401);
    await json(
      await send('admin', 'PATCH', `/api/admin/users/${viewer}`, { disabled: false }),
      200,
    );
    expect((await login('viewer@example.com', PASSWORD)).status).toBe(200);
    // The session of before the disabling stays ended.
    expect((await send('viewer', 'GET', '/api/auth/me')).status).toBe(401);
    expect(
      (await send('admin', 'PATCH', '/api/admin/users/nobody', { disabled: true })).status,
    ).toBe(404);
  });

  it('keeps the last enabled administrator', async () => {
    const admin = await userId('admin@example.com');
    const demote = await send('admin', 'PATCH', `/api/admin/users/${admin}`, { role: 'viewer' });
    expect((await json<TError>(demote, 409)).error.code).toBe('last_admin');
    const disable = await send('admin', 'PATCH', `/api/admin/users/${admin}`, { disabled: true });
    expect((await json<TError>(disable, 409)).error.code).toBe('last_admin');
    // With a second administrator, the first may step down.
    await json(
      await send('admin', 'PATCH', `/api/admin/users/${await userId('cx@example.com')}`, {
        role: 'admin',
      }),
      200,
    );
    await json(await send('admin', 'PATCH', `/api/admin/users/${admin}`, { role: 'viewer' }), 200);
    expect((await send('admin', 'GET', '/api/admin/users')).status).toBe(403);
  });
});

describe('API tokens', () => {
  it('shows a new token once, lists tokens without secrets, and revokes at once', async () => {
    const created = await json<{ id: string; token: string; scopes: string[] }>(
      await send('admin', 'POST', '/api/admin/tokens', { name: 'ivr', scopes: ['route', 'read'] }),
      201,
    );
    expect(created.token).toMatch(/^jl_/);
    expect(created.scopes).toEqual(['route', 'read']);
    const listed = await json<{ tokens: Record<string, unknown>[] }>(
      await send('admin', 'GET', '/api/admin/tokens'),
      200,
    );
    expect(listed.tokens.find((x) => x.id === created.id)).toEqual({
      id: created.id,
      name: 'ivr',
      scopes: ['route', 'read'],
      revoked: false,
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const me = () =>
      t.app.request('/api/auth/me', { headers: { authorization: `Bearer ${created.token}` } });
    expect((await me()).status).toBe(200);
    expect((await send('admin', 'DELETE', `/api/admin/tokens/${created.id}`)).status).toBe(204);
    // Refused at the next request, not 30 seconds later.
    expect((await me()).status).toBe(401);
    expect((await send('admin', 'DELETE', `/api/admin/tokens/${created.id}`)).status).toBe(404);
    const bad = await send('admin', 'POST', '/api/admin/tokens', { name: 'x', scopes: ['write'] });
    expect(bad.status).toBe(400);
  });
});

describe('the audit trail', () => {
  it('records every change with who, when and what, filtered by actor and action', async () => {
    await send('admin', 'POST', '/api/admin/tokens', { name: 'crm', scopes: ['ingest'] });
    const viewer = await userId('viewer@example.com');
    await send('admin', 'PATCH', `/api/admin/users/${viewer}`, { role: 'cx' });
    type TPage = {
      total: number;
      items: { actor: string; action: string; target: string; detail: unknown; at: string }[];
    };
    const all = await json<TPage>(
      await send('admin', 'GET', '/api/admin/audit?actor=user:admin@example.com'),
      200,
    );
    expect(all.total).toBe(2);
    expect(all.items.map((i) => i.action)).toEqual(['user.change', 'token.add']);
    expect(all.items[0]).toMatchObject({
      target: 'viewer@example.com',
      detail: { role: { from: 'viewer', to: 'cx' } },
    });
    expect(Date.now() - Date.parse(all.items[0]?.at ?? '')).toBeLessThan(60_000);
    const tokens = await json<TPage>(
      await send('admin', 'GET', '/api/admin/audit?action=token.add&limit=1'),
      200,
    );
    expect(tokens).toMatchObject({ total: 1, limit: 1, offset: 0 });
  });

  it('is for administrators only', async () => {
    for (const who of ['cx', 'team', 'viewer', 'read', 'ingest', 'route'] as const) {
      expect((await send(who, 'GET', '/api/admin/audit')).status).toBe(403);
    }
    expect((await send('anonymous', 'GET', '/api/admin/users')).status).toBe(401);
  });
});
