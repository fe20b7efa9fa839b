/**
 * Signing in and out. A successful login sets the session cookie (HttpOnly, SameSite=Strict)
 * and the CSRF cookie the web app echoes in a header. Failed logins are limited per e-mail and
 * address (429 with Retry-After) so passwords cannot be guessed at speed.
 */
import { z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  checkLogin,
  createSession,
  endSession,
  SESSION_HOURS,
} from '../../service/auth/accounts.js';
import { CSRF_COOKIE, principalOf, type PrincipalCache, SESSION_COOKIE } from '../auth.js';
import type { TApp } from '../context.js';
import { fail, ZError } from '../errors.js';
import { ANY_PERSON, protectedRoute, publicRoute } from '../route.js';
import type { LoginLimiter } from '../login-limiter.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

const ZMe = z
  .object({
    kind: z.enum(['user', 'token']),
    id: z.string(),
    name: z.string(),
    email: z.string().optional(),
    role: z.string().optional(),
    team: z.string().nullable().optional(),
    scopes: z.array(z.string()).optional(),
    csrfToken: z.string().optional(),
  })
  .openapi('Principal');

const login = publicRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in with e-mail and password; sets the session and CSRF cookies',
  request: {
    body: jsonBody(z.object({ email: z.string(), password: z.string() }).openapi('Login')),
  },
  responses: {
    200: jsonResponse(ZMe, 'signed in'),
    401: jsonResponse(ZError, 'wrong e-mail or password'),
    429: jsonResponse(ZError, 'too many failed attempts'),
  },
});

const logout = protectedRoute(
  { roles: ANY_PERSON, scopes: [] },
  {
    method: 'post',
    path: '/api/auth/logout',
    tags: ['auth'],
    summary: 'Sign out: ends the session',
    responses: { 204: { description: 'signed out' } },
  },
);

const me = protectedRoute(
  { roles: ANY_PERSON, scopes: ['ingest', 'route', 'read'] },
  {
    method: 'get',
    path: '/api/auth/me',
    tags: ['auth'],
    summary: 'Who is calling: the person (with role and CSRF token) or the API token',
    responses: {
      200: jsonResponse(ZMe, 'the caller'),
    },
  },
);

export function authRoutes(app: TApp, cache: PrincipalCache, limiter: LoginLimiter): void {
  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const key = `${clientAddress(c.req.raw.headers)}|${email.toLowerCase()}`;
    const wait = limiter.retryAfter(key);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return fail(c, 429, 'too_many_attempts', 'too many failed sign-ins: try again later');
    }
    const { store, config } = c.var.ctx;
    const user = await checkLogin(store, email, password);
    if (user === undefined) {
      limiter.failed(key);
      return fail(c, 401, 'unauthenticated', 'wrong e-mail or password');
    }
    limiter.succeeded(key);
    const session = await createSession(store, user.id);
    const cookie = {
      path: '/',
      sameSite: 'Strict',
      secure: config.secureCookies,
      maxAge: SESSION_HOURS * 3600,
    } as const;
    setCookie(c, SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
    setCookie(c, CSRF_COOKIE, session.csrf, cookie);
    return c.json(
      {
        kind: 'user' as const,
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        team: user.team,
        csrfToken: session.csrf,
      },
      200,
    );
  });

  app.openapi(logout, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined) {
      await endSession(c.var.ctx.store, token);
      cache.forget(token);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.openapi(me, (c) => {
    const p = principalOf(c.var.principal);
    return c.json(
      p.kind === 'user'
        ? {
            kind: p.kind,
            id: p.id,
            name: p.name,
            email: p.email,
            role: p.role,
            team: p.team,
            csrfToken: p.csrf,
          }
        : { kind: p.kind, id: p.id, name: p.name, scopes: [...p.scopes] },
      200,
    );
  });
}

/** The client's address as the socket gives it (a proxy in front must set X-Forwarded-For). */
function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'direct';
}
