/**
 * Authentication and authorisation for every request. A request carries a person's session
 * (the HttpOnly `jl_session` cookie) or a machine's API token (`Authorization: Bearer jl_…`).
 * Each route declares who it admits (src/service/auth/roles.ts); a person's session must also
 * send the CSRF token of the session (`X-CSRF-Token`, also in the `jl_csrf` cookie, which a
 * page on another site cannot read) with every request that changes something.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sessionPrincipal, sha256, tokenPrincipal } from '../service/auth/accounts.js';
import { admits, type TAccess, type TPrincipal } from '../service/auth/roles.js';
import type { TAppEnv } from './context.js';
import { fail } from './errors.js';

export const SESSION_COOKIE = 'jl_session';
export const CSRF_COOKIE = 'jl_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const CACHE_MS = 30_000;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Looks credentials up at most every 30 s: the routing endpoint answers in milliseconds.
 * Logging out or revoking a token forgets them at once (`forget`).
 */
export class PrincipalCache {
  private readonly entries = new Map<
    string,
    { principal: TPrincipal | undefined; until: number }
  >();

  async get(
    key: string,
    load: () => Promise<TPrincipal | undefined>,
  ): Promise<TPrincipal | undefined> {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.until > Date.now()) return hit.principal;
    const principal = await load();
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  forget(credential: string): void {
    this.entries.delete(sha256(credential));
  }

  clear(): void {
    this.entries.clear();
  }
}

export function principals(cache: PrincipalCache): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const { store } = c.var.ctx;
    const header = c.req.header('Authorization');
    const bearer = header?.startsWith('Bearer ') === true ? header.slice(7).trim() : undefined;
    const session = getCookie(c, SESSION_COOKIE);
    let principal: TPrincipal | undefined;
    if (bearer !== undefined) {
      principal = await cache.get(sha256(bearer), () => tokenPrincipal(store, bearer));
    } else if (session !== undefined) {
      principal = await cache.get(sha256(session), () => sessionPrincipal(store, session));
    }
    c.set('principal', principal);
    await next();
  };
}

/** Admits the route's roles and scopes only; checks CSRF for sessions that change things. */
export function requireAccess(access: TAccess): MiddlewareHandler<TAppEnv> {
  return async (c, next) => {
    const principal = c.var.principal;
    if (principal === undefined) {
      return fail(c, 401, 'unauthenticated', 'sign in, or send an API token as a Bearer token');
    }
    if (!admits(access, principal)) {
      const who = principal.kind === 'user' ? `the ${principal.role} role` : 'this token';
      return fail(c, 403, 'forbidden', `${who} may not ${c.req.method} ${c.req.routePath}`);
    }
    if (principal.kind === 'user' && !SAFE.has(c.req.method)) {
      if (c.req.header(CSRF_HEADER) !== principal.csrf) {
        return fail(c, 403, 'csrf', `send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    await next();
    return undefined;
  };
}

/** The principal of a protected route, which its middleware has checked is there. */
export function principalOf(principal: TPrincipal | undefined): TPrincipal {
  if (principal === undefined) throw new Error('a protected route ran without a principal');
  return principal;
}
