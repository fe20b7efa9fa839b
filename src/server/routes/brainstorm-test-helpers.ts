/**
 * For the brainstorm tests: a small workspace, people of named teams signed in on the real
 * app (sessions made as the login route makes them).
 * Not loaded by the server.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, createSession, type TUser } from '../../service/auth/accounts.js';
import type { TRole } from '../../service/auth/roles.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth.js';
import type { TTestApp } from '../test-kit.js';

export const BRAINSTORM_WORKSPACE = `name: Brainstorm test
stages: [Awareness, Purchase, Fulfilment, Support]
teams:
  - { id: care, name: Care }
  - { id: shop, name: Shop }
  - { id: legal, name: Legal }
segments:
  - { id: premium, name: Premium, rule: { attribute: ltv, op: gte, value: 1000 } }
  - { id: everyone, name: Everyone }
touchpoints:
  # Kept by hand: a comment that every save must keep.
  - { id: order, name: Order, stage: Purchase, channel: web, owner: shop, activities: [order] }
`;

export async function workspaceDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jl-brainstorm-'));
  await writeFile(join(dir, 'journeylens.yaml'), BRAINSTORM_WORKSPACE);
  return dir;
}

export type TPerson = {
  user: TUser;
  call(path: string, init?: RequestInit): Promise<Response>;
  /** A JSON request; the answer's status and body. */
  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
};

/** A person with a session on the app, as if they had signed in. */
export async function person(
  t: TTestApp,
  who: { email: string; name?: string; role: TRole; team?: string },
): Promise<TPerson> {
  const user = await addUser(t.context.store, {
    ...who,
    password: 'a test password of enough length',
  });
  const session = await createSession(t.context.store, user.id);
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', `${SESSION_COOKIE}=${session.token}`);
    headers.set(CSRF_HEADER, session.csrf);
    return Promise.resolve(t.app.request(path, { ...init, headers }));
  };
  return {
    user,
    call,
    async send<T>(method: string, path: string, body?: unknown) {
      const res = await call(path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
    },
  };
}
