/**
 * Declaring a route: its OpenAPI description (zod schemas for input and output) plus who it
 * admits. The access list is enforced by middleware and written into the OpenAPI document as
 * `x-journeylens-access`, so the document says who may call what.
 */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { TAccess } from '../service/auth/roles.js';
import { requireAccess } from './auth.js';
import { COMMON_ERRORS, UNSUPPORTED_JSON } from './errors.js';

/** A route only the listed roles and token scopes may call. */
export function protectedRoute<R extends Omit<RouteConfig, 'middleware'>>(
  access: TAccess,
  config: R,
) {
  return createRoute({
    ...config,
    middleware: [requireAccess(access)] as const,
    security: [{ session: [] }, { token: [...access.scopes] }] as Record<string, string[]>[],
    'x-journeylens-access': access,
    responses: {
      ...COMMON_ERRORS,
      ...(readsJson(config) ? { 415: UNSUPPORTED_JSON } : {}),
      ...config.responses,
    },
  });
}

/** True when the route's body is JSON checked by a zod schema (the engine refuses other types). */
function readsJson(config: Omit<RouteConfig, 'middleware'>): boolean {
  const json = config.request?.body?.content['application/json'];
  return json !== undefined && 'schema' in json && json.schema instanceof z.ZodType;
}

/** A route anyone may call (signing in, the API document). */
export function publicRoute<R extends RouteConfig>(config: R) {
  return createRoute({
    ...config,
    security: [],
    'x-journeylens-access': 'public',
    responses: { ...(readsJson(config) ? { 415: UNSUPPORTED_JSON } : {}), ...config.responses },
  });
}

/** Role lists that recur. */
export const ANY_PERSON = ['admin', 'cx', 'team', 'viewer'] as const;
export const MODEL_EDITORS = ['admin', 'cx'] as const;
export const ADMIN_ONLY = ['admin'] as const;
