/**
 * The Journeylens HTTP API: one Hono app whose routes are declared with zod schemas, from
 * which the OpenAPI 3.1 document (`/api/openapi.json`) and the readable page (`/api/docs`)
 * are generated. Every request gets an id and one structured log line; bodies over the limit
 * are refused with 413; every route but signing in and the documents requires a principal.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import { describePrincipal } from '../service/auth/roles.js';
import { apiPage } from './api-page.js';
import { PrincipalCache, principals } from './auth.js';
import { bodyLimit } from './body-limit.js';
import type { TAppEnv, TServerContext } from './context.js';
import { errorBody, fail, refusalOf } from './errors.js';
import { LoginLimiter } from './login-limiter.js';
import { authRoutes } from './routes/auth-routes.js';

export const API_VERSION = '0.1.0';

export type TRouteModule = (app: OpenAPIHono<TAppEnv>, services: TAppServices) => void;

/** What route modules share besides the request context. */
export type TAppServices = {
  principals: PrincipalCache;
  /** The server's context, for work outside a request (start-up, ingest subscribers). */
  context: TServerContext;
  /** Work to do once the server is up (rebuild live state, start workers), in order. */
  onStart(fn: () => Promise<void>): void;
  /** The server stops accepting requests: end long-lived responses (event streams). */
  onClosing(fn: () => void): void;
  /** Work to do before the store closes (stop workers), in reverse order. */
  onStop(fn: () => Promise<void>): void;
};

export type TLifecycle = { start(): Promise<void>; closing(): void; stop(): Promise<void> };

export function createApp(ctx: TServerContext, modules: readonly TRouteModule[] = []) {
  const app = new OpenAPIHono<TAppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }));
        const first = issues[0];
        return c.json(
          errorBody(
            'invalid',
            first ? `${first.path || 'body'}: ${first.message}` : 'invalid request',
            issues,
          ),
          400,
        );
      }
      return undefined;
    },
  });
  const cache = new PrincipalCache();
  const limiter = new LoginLimiter(ctx.config.loginAttempts, ctx.config.loginWindowMs);

  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('X-Request-Id') ?? randomUUID();
    c.set('requestId', requestId);
    c.set('ctx', ctx);
    c.header('X-Request-Id', requestId);
    await next();
    const principal = c.get('principal');
    ctx.log.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(principal === undefined || c.get('withholdPrincipal') === true
        ? {}
        : { principal: describePrincipal(principal) }),
    });
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: ctx.config.maxBodyBytes,
      onError: (c) =>
        fail(
          c,
          413,
          'too_large',
          `the body is over ${ctx.config.maxBodyBytes.toLocaleString('en-US')} bytes: send it in smaller batches`,
        ),
    }),
  );
  app.use('/api/*', principals(cache));

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'jl_session',
    description:
      'a person signed in with POST /api/auth/login; changes also need the X-CSRF-Token header',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'an API token (journeylens token add) with scopes ingest, route or read',
  });

  const starts: (() => Promise<void>)[] = [];
  const closings: (() => void)[] = [];
  const stops: (() => Promise<void>)[] = [];
  const services: TAppServices = {
    principals: cache,
    context: ctx,
    onStart: (fn) => starts.push(fn),
    onClosing: (fn) => closings.push(fn),
    onStop: (fn) => stops.push(fn),
  };
  authRoutes(app, cache, limiter);
  for (const register of modules) register(app, services);
  const lifecycle: TLifecycle = {
    async start() {
      for (const fn of starts) await fn();
    },
    closing() {
      for (const fn of closings) fn();
    },
    async stop() {
      for (const fn of [...stops].reverse()) await fn();
    },
  };

  const info = { title: 'Journeylens API', version: API_VERSION };
  app.doc31('/api/openapi.json', { openapi: '3.1.0', info });
  app.get('/api/docs', (c) =>
    c.html(apiPage(app.getOpenAPI31Document({ openapi: '3.1.0', info }))),
  );
  app.get('/api/health', (c) => c.json({ ok: true, version: API_VERSION }));

  app.notFound((c) => fail(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    // The route engine refuses a body that is not JSON, or not JSON at all, where a route
    // reads JSON: the caller's mistake, answered as such, not a failure of ours.
    if (error instanceof HTTPException) {
      const refusal = refusalOf(error, c.req.header('content-type'));
      return fail(c, error.status, refusal.code, refusal.message);
    }
    ctx.log.log('error', 'unexpected error', {
      requestId: c.get('requestId'),
      error: error.message,
      stack: error.stack,
    });
    return fail(
      c,
      500,
      'internal',
      'something went wrong on our side; the request id is in X-Request-Id',
    );
  });
  return Object.assign(app, { lifecycle });
}
