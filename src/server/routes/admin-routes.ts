/**
 * Administration, for administrators only: the people who may sign in (add, change role or
 * team, disable), the API tokens of machines (add — the secret is shown once —, revoke) and
 * the audit trail. Every change is audited. A change that takes rights away takes effect at
 * once: the principal cache is emptied, so no credential is trusted for its 30 seconds more.
 */
import { z } from '@hono/zod-openapi';
import {
  AccountError,
  addUser,
  audit,
  createApiToken,
  listApiTokens,
  listUsers,
  revokeApiToken,
} from '../../service/auth/accounts.js';
import { randomSecret } from '../../service/auth/passwords.js';
import { describePrincipal, ROLES, SCOPES } from '../../service/auth/roles.js';
import { changeUser, LastAdminError, listAudit } from '../../service/auth/user-admin.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import { errorResponse, fail } from '../errors.js';
import { ZPageFields, ZPageQuery } from '../pagination.js';
import { ADMIN_ONLY, protectedRoute } from '../route.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

const ADMINS = { roles: ADMIN_ONLY, scopes: [] } as const;

const ZUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    team: z.string().nullable(),
    disabled: z.boolean(),
  })
  .openapi('User');

const ZToken = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    revoked: z.boolean(),
  })
  .openapi('ApiToken');

const ZId = z.object({ id: z.string().min(1) });

const listUsersRoute = protectedRoute(ADMINS, {
  method: 'get',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'The people who may sign in, with role, team and whether disabled',
  responses: {
    200: jsonResponse(z.object({ users: z.array(ZUser) }), 'every person'),
  },
});

const addUserRoute = protectedRoute(ADMINS, {
  method: 'post',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'Add a person; without a password, one is generated and shown once',
  request: {
    body: jsonBody(
      z
        .strictObject({
          email: z.string().openapi({ example: 'ana@example.com' }),
          name: z.string().optional(),
          role: z.enum(ROLES),
          team: z.string().optional().openapi({ description: 'required for the team role' }),
          password: z.string().optional().openapi({ description: 'at least 12 characters' }),
        })
        .openapi('NewUser'),
    ),
  },
  responses: {
    201: jsonResponse(
      z.object({ user: ZUser, password: z.string().optional() }),
      'added; `password` only when it was generated (shown once)',
    ),
    400: errorResponse('an invalid e-mail, password or team'),
    409: errorResponse('the e-mail already has an account'),
  },
});

const changeUserRoute = protectedRoute(ADMINS, {
  method: 'patch',
  path: '/api/admin/users/{id}',
  tags: ['admin'],
  summary: 'Change a person’s role, team or name, or disable (enable) them',
  description:
    'Disabling ends their sessions at once. The last enabled administrator cannot be demoted or disabled.',
  request: {
    params: ZId,
    body: jsonBody(
      z
        .strictObject({
          name: z.string().trim().min(1).optional(),
          role: z.enum(ROLES).optional(),
          team: z.string().min(1).nullable().optional(),
          disabled: z.boolean().optional(),
        })
        .openapi('UserChange'),
    ),
  },
  responses: {
    200: jsonResponse(ZUser, 'the person now'),
    400: errorResponse('a team member without a team'),
    404: errorResponse('no such person'),
    409: errorResponse('last_admin: it would leave no enabled administrator'),
  },
});

const listTokensRoute = protectedRoute(ADMINS, {
  method: 'get',
  path: '/api/admin/tokens',
  tags: ['admin'],
  summary: 'The API tokens (never their secrets)',
  responses: {
    200: jsonResponse(z.object({ tokens: z.array(ZToken) }), 'every token'),
  },
});

const addTokenRoute = protectedRoute(ADMINS, {
  method: 'post',
  path: '/api/admin/tokens',
  tags: ['admin'],
  summary: 'Create an API token; its secret is in this answer only',
  request: {
    body: jsonBody(
      z
        .strictObject({
          name: z.string().min(1).openapi({ example: 'crm' }),
          scopes: z.array(z.enum(SCOPES)).min(1),
        })
        .openapi('NewApiToken'),
    ),
  },
  responses: {
    201: jsonResponse(
      ZToken.extend({ token: z.string().openapi({ example: 'jl_…' }) }),
      'created: keep the token now, it is not shown again',
    ),
    400: errorResponse('no scope or no name'),
  },
});

const revokeTokenRoute = protectedRoute(ADMINS, {
  method: 'delete',
  path: '/api/admin/tokens/{id}',
  tags: ['admin'],
  summary: 'Revoke an API token: refused from the next request on',
  request: { params: ZId },
  responses: {
    204: { description: 'revoked' },
    404: errorResponse('no such active token'),
  },
});

const auditRoute = protectedRoute(ADMINS, {
  method: 'get',
  path: '/api/admin/audit',
  tags: ['admin'],
  summary: 'The audit trail, newest first: who changed what, when',
  request: {
    query: z.object({
      ...ZPageQuery,
      actor: z.string().optional().openapi({ example: 'user:cx@example.com' }),
      action: z.string().optional().openapi({ example: 'workspace.save' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          ...ZPageFields,
          items: z.array(
            z.object({
              id: z.number().int(),
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              target: z.string().nullable(),
              detail: z.unknown(),
            }),
          ),
        })
        .openapi('AuditLog'),
      'a page of entries',
    ),
  },
});

export const adminRoutes: TRouteModule = (app, services) => {
  const cache = services.principals;
  const actor = (p: Parameters<typeof principalOf>[0]) => describePrincipal(principalOf(p));

  app.openapi(listUsersRoute, async (c) =>
    c.json({ users: await listUsers(c.var.ctx.store) }, 200),
  );

  app.openapi(addUserRoute, async (c) => {
    const body = c.req.valid('json');
    const { store } = c.var.ctx;
    const generated = body.password === undefined ? randomSecret(18) : undefined;
    try {
      const user = await addUser(store, {
        email: body.email,
        role: body.role,
        password: body.password ?? generated ?? '',
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.team === undefined ? {} : { team: body.team }),
      });
      await audit(store, {
        actor: actor(c.var.principal),
        action: 'user.add',
        target: user.email,
        detail: { role: user.role, team: user.team },
      });
      return c.json({ user, ...(generated === undefined ? {} : { password: generated }) }, 201);
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      if (e.message.includes('already has an account')) return fail(c, 409, 'exists', e.message);
      return fail(c, 400, 'invalid', e.message);
    }
  });

  app.openapi(changeUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const { store } = c.var.ctx;
    try {
      const changed = await changeUser(store, id, change);
      if (changed === undefined) return fail(c, 404, 'not_found', `no person ${id}`);
      const { before, after } = changed;
      const fields = (['name', 'role', 'team', 'disabled'] as const).filter(
        (k) => before[k] !== after[k],
      );
      if (fields.length > 0) {
        await audit(store, {
          actor: actor(c.var.principal),
          action: 'user.change',
          target: after.email,
          detail: Object.fromEntries(fields.map((k) => [k, { from: before[k], to: after[k] }])),
        });
      }
      // Sessions are cached by credential, which is not stored: forget them all.
      cache.clear();
      return c.json(after, 200);
    } catch (e) {
      if (e instanceof LastAdminError) return fail(c, 409, 'last_admin', e.message);
      if (e instanceof AccountError) return fail(c, 400, 'invalid', e.message);
      throw e;
    }
  });

  app.openapi(listTokensRoute, async (c) =>
    c.json({ tokens: await listApiTokens(c.var.ctx.store) }, 200),
  );

  app.openapi(addTokenRoute, async (c) => {
    const body = c.req.valid('json');
    const { store } = c.var.ctx;
    const who = actor(c.var.principal);
    try {
      const { token, record } = await createApiToken(store, { ...body, createdBy: who });
      await audit(store, {
        actor: who,
        action: 'token.add',
        target: record.name,
        detail: { id: record.id, scopes: record.scopes },
      });
      return c.json({ ...record, token }, 201);
    } catch (e) {
      if (e instanceof AccountError) return fail(c, 400, 'invalid', e.message);
      throw e;
    }
  });

  app.openapi(revokeTokenRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { store } = c.var.ctx;
    if (!(await revokeApiToken(store, id))) {
      return fail(c, 404, 'not_found', `no active token ${id}`);
    }
    await audit(store, { actor: actor(c.var.principal), action: 'token.revoke', target: id });
    // The cache holds tokens by the hash of their secret, which only the caller knows: forget
    // every entry, so the revoked token is refused from the next request on.
    cache.clear();
    return c.body(null, 204);
  });

  app.openapi(auditRoute, async (c) => {
    const q = c.req.valid('query');
    const { total, items } = await listAudit(c.var.ctx.store, q);
    return c.json({ total, offset: q.offset, limit: q.limit, items }, 200);
  });
};
