/**
 * For tests of the API: a real app on a real in-memory store (no port), with one person per
 * role and one API token per scope, and helpers to call it as each of them. Not loaded by
 * the server itself.
 */
import { addUser, createApiToken, ensureAppSchema, listUsers } from '../service/auth/accounts.js';
import { ROLES, SCOPES, type TRole, type TScope } from '../service/auth/roles.js';
import { openStore } from '../service/workspace-store.js';
import { exclusive } from '../store/exclusive.js';
import { IngestBus } from './ingest-bus.js';
import { createApp, type TRouteModule } from './app.js';
import { CSRF_HEADER } from './auth.js';
import { DEFAULT_SERVER_CONFIG, type TServerConfig, type TServerContext } from './context.js';
import { memoryLogger } from './log.js';

export const PASSWORD = 'a test password of enough length';

export type TCaller = TRole | TScope | 'anonymous';

export type TTestApp = {
  app: ReturnType<typeof createApp>;
  context: TServerContext;
  log: ReturnType<typeof memoryLogger>;
  /** The secret of the test token of each scope. */
  tokens: ReadonlyMap<TScope, string>;
  /** A request as `who` (a signed-in person of that role, a token of that scope, or nobody). */
  call(who: TCaller, path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
};

export async function testApp(
  modules: readonly TRouteModule[] = [],
  options: { workspaceDir?: string; config?: Partial<TServerConfig> } = {},
): Promise<TTestApp> {
  const base = await openStore(options.workspaceDir ?? ':memory:');
  await ensureAppSchema(base);
  const log = memoryLogger();
  const context: TServerContext = {
    workspaceDir: options.workspaceDir ?? ':memory:',
    store: exclusive(base),
    reader: await base.fork(),
    config: { ...DEFAULT_SERVER_CONFIG, ...options.config },
    log,
    ingested: new IngestBus(log),
  };
  const app = createApp(context, modules);
  await app.lifecycle.start();
  const sessions = new Map<TRole, { cookie: string; csrf: string }>();
  // A store that has its people already (the same folder again: a restarted server).
  const known = new Set((await listUsers(context.store)).map((u) => u.email));
  for (const role of ROLES) {
    if (!known.has(`${role}@example.com`)) {
      await addUser(context.store, {
        email: `${role}@example.com`,
        role,
        password: PASSWORD,
        ...(role === 'team' ? { team: 'care' } : {}),
      });
    }
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@example.com`, password: PASSWORD }),
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    sessions.set(role, { cookie, csrf: csrfToken });
  }
  const tokens = new Map<TScope, string>();
  for (const scope of SCOPES) {
    tokens.set(
      scope,
      (await createApiToken(context.store, { name: scope, scopes: [scope], createdBy: 'test' }))
        .token,
    );
  }
  return {
    app,
    context,
    log,
    tokens,
    call(who, path, init = {}) {
      const headers = new Headers(init.headers);
      const session = sessions.get(who as TRole);
      const token = tokens.get(who as TScope);
      if (session !== undefined) {
        headers.set('cookie', session.cookie);
        if (!headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, session.csrf);
      } else if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      return Promise.resolve(app.request(path, { ...init, headers }));
    },
    async close() {
      await app.lifecycle.stop();
      await context.reader.close();
      await context.store.close();
    },
  };
}
