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
/** In an entry's last seconds it is looked up again in the background, while still answering. */
const REFRESH_AHEAD_MS = 5_000;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

type TEntry = {
  principal: TPrincipal | undefined;
  until: number;
  /** The lookup in flight for this credential, shared by every request that needs it. */
  loading?: Promise<TPrincipal | undefined> | undefined;
};

/**
 * Looks credentials up at most every 30 s: the routing endpoint answers in milliseconds.
 * Requests that need the same credential at once share one lookup, and a credential in use
 * is looked up again before its entry runs out, so a busy machine client never waits on the
 * database (all its in-flight requests queued behind 20 lookups when the entry expired:
 * 0.3 s pauses every 30 s at 1,000 requests/s). Logging out or revoking a token forgets it
 * at once (`forget`).
 */
export class PrincipalCache {
  private readonly entries = new Map<string, TEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(
    key: string,
    load: () => Promise<TPrincipal | undefined>,
  ): Promise<TPrincipal | undefined> {
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry !== undefined && entry.until > now) {
      if (entry.until - now < REFRESH_AHEAD_MS) void this.refresh(key, entry, load).catch(() => {});
      return entry.principal;
    }
    if (entry?.loading !== undefined) return entry.loading;
    return this.refresh(key, entry ?? { principal: undefined, until: 0 }, load);
  }

  private refresh(
    key: string,
    entry: TEntry,
    load: () => Promise<TPrincipal | undefined>,
  ): Promise<TPrincipal | undefined> {
    if (entry.loading !== undefined) return entry.loading;
    if (this.entries.size > 10_000) this.entries.clear();
    const loading = load().then(
      (principal) => {
        // Forgotten meanwhile (logged out, revoked): do not bring it back.
        if (this.entries.get(key) === entry) {
          this.entries.set(key, { principal, until: this.now() + CACHE_MS });
        }
        return principal;
      },
      (e: unknown) => {
        if (this.entries.get(key) === entry) entry.loading = undefined;
        throw e;
      },
    );
    entry.loading = loading;
    this.entries.set(key, entry);
    return loading;
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
