/**
 * Improvement actions over HTTP: the board (per team, or across the experience), creating an
 * action from a friction, gap, deviation or opportunity, changing it (status along the
 * allowed moves, plan, due date, change date), comments, and re-measuring its metric before
 * versus after the change (src/service/actions/actions.ts) — on request, and by the server
 * itself once ingested data covers an action's window after its change date.
 *
 * Who: admin and cx do everything; a team member sees, creates and changes the actions of
 * their own team only (403 `not_your_team` otherwise, saying whose it is); viewers and `read`
 * tokens read.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ActionError, ActionService } from '../../service/actions/actions.js';
import { ensureActionSchema, type TActionFilter } from '../../service/actions/action-rows.js';
import { suggestTeam } from '../../service/actions/action-sources.js';
import { ZActionChange, ZComment, ZNewAction } from '../../service/actions/action-input.js';
import { ACTION_STATUSES } from '../../service/actions/action-types.js';
import { describePrincipal, type TPrincipal } from '../../service/auth/roles.js';
import { workspaceModel } from '../../service/workspace-model.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { TAppEnv } from '../context.js';
import { errorResponse, fail } from '../errors.js';
import { ANY_PERSON, MODEL_EDITORS, protectedRoute } from '../route.js';
import { ZAction, ZActionComment, ZActionDetail, ZActionList } from './action-schemas.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;
/** Team members are admitted, then held to their own team's actions. */
const WRITERS = { roles: [...MODEL_EDITORS, 'team'], scopes: [] } as const;

const ZId = z.object({ id: z.string().min(1) });
const notFound = errorResponse('no such action');
const invalid = errorResponse(
  'invalid: the field at fault and why (an unknown team, touchpoint, metric…)',
);
const notYours = errorResponse('not allowed, or (not_your_team) another team’s action');
const noModel = errorResponse('no_workspace: there is no journeylens.yaml');

const listActions = protectedRoute(READERS, {
  method: 'get',
  path: '/api/actions',
  tags: ['actions'],
  summary: 'The actions board: one team’s, or across the experience',
  description: 'A team member sees their own team’s actions only.',
  request: {
    query: z.object({
      team: z.string().min(1).optional().openapi({ example: 'care' }),
      status: z.enum(ACTION_STATUSES).optional(),
      source: z.enum(['friction', 'gap', 'deviation', 'opportunity']).optional(),
      touchpoint: z.string().min(1).optional(),
    }),
  },
  responses: { 200: jsonResponse(ZActionList, 'the actions, oldest first'), 403: notYours },
});

const createAction = protectedRoute(WRITERS, {
  method: 'post',
  path: '/api/actions',
  tags: ['actions'],
  summary: 'Create an action from a friction, gap, deviation or opportunity',
  description:
    'The team defaults to the owner of the source’s touchpoint and the metric to the one that measures the source; its baseline is measured now.',
  request: { body: jsonBody(ZNewAction) },
  responses: {
    201: jsonResponse(ZAction, 'created, with its baseline'),
    400: invalid,
    403: notYours,
    404: noModel,
    409: errorResponse('workspace_invalid: journeylens.yaml does not validate'),
  },
});

const getAction = protectedRoute(READERS, {
  method: 'get',
  path: '/api/actions/{id}',
  tags: ['actions'],
  summary: 'One action with its comments, history and whether it can be re-measured',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZActionDetail, 'the action'), 403: notYours, 404: notFound },
});

const updateAction = protectedRoute(WRITERS, {
  method: 'patch',
  path: '/api/actions/{id}',
  tags: ['actions'],
  summary: 'Change an action: status (allowed moves only), plan, due date, change date…',
  request: {
    params: ZId,
    body: jsonBody(ZActionChange),
  },
  responses: {
    200: jsonResponse(ZAction, 'changed'),
    400: invalid,
    403: notYours,
    404: notFound,
    409: errorResponse('conflict: a status move that is not allowed'),
  },
});

const commentAction = protectedRoute(WRITERS, {
  method: 'post',
  path: '/api/actions/{id}/comments',
  tags: ['actions'],
  summary: 'Comment on an action',
  request: { params: ZId, body: jsonBody(ZComment) },
  responses: { 201: jsonResponse(ZActionComment, 'the comment'), 403: notYours, 404: notFound },
});

const remeasureAction = protectedRoute(WRITERS, {
  method: 'post',
  path: '/api/actions/{id}/remeasure',
  tags: ['actions'],
  summary: 'Re-measure the metric before versus after the change date, with the verdict',
  request: { params: ZId },
  responses: {
    200: jsonResponse(ZAction, 'measured'),
    400: invalid,
    403: notYours,
    404: notFound,
    409: errorResponse('not_ready: no change date yet, or the data does not cover the window'),
  },
});

/** The team a principal is held to: a team member's own; null for everyone else. */
function ownTeam(principal: TPrincipal): string | null {
  if (principal.kind !== 'user' || principal.role !== 'team') return null;
  return principal.team ?? '';
}

function notYourTeam(c: Context<TAppEnv>, team: string, own: string, what = 'action') {
  return fail(
    c,
    403,
    'not_your_team',
    own === ''
      ? 'your account belongs to no team: ask an admin to set your team'
      : what === 'board'
        ? `team members see their own team’s (${own}) board only, not team ${team}’s`
        : `this is team ${team}’s action; team members see and change their own team’s (${own}) only`,
  );
}

function actionFailure(c: Context<TAppEnv>, e: unknown) {
  if (!(e instanceof ActionError)) throw e;
  switch (e.code) {
    case 'invalid':
      return fail(c, 400, e.code, e.message);
    case 'not_found':
      return fail(c, 404, e.code, e.message);
    default:
      return fail(c, 409, e.code, e.message);
  }
}

async function modelOf(c: Context<TAppEnv>) {
  const current = await workspaceModel(c.var.ctx.store, c.var.ctx.workspaceDir).current();
  if (current === undefined) {
    return fail(c, 404, 'no_workspace', 'there is no journeylens.yaml to measure with');
  }
  if (!current.result.ok) {
    return fail(
      c,
      409,
      'workspace_invalid',
      `journeylens.yaml (version ${current.version}) does not validate: fix it first (GET /api/workspace shows the errors)`,
    );
  }
  return current.result.workspace;
}

export type TActionRouteOptions = {
  now?: () => Date;
  /** Re-measure due actions this long after ingest goes quiet (default 10 s). */
  quietMs?: number;
};

export function actionModule(options: TActionRouteOptions = {}): TRouteModule {
  return (app, services) => {
    const ctx = services.context;
    const actions = new ActionService({
      store: ctx.store,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    // After the data grows, actions whose measuring window it now covers are re-measured by
    // the server itself (once each); one sweep at a time, and none after the server stops.
    let sweeping: Promise<void> = Promise.resolve();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | undefined;
    const sweep = (): void => {
      sweeping = sweeping
        .then(async () => {
          if (stopped) return;
          const current = await workspaceModel(ctx.store, ctx.workspaceDir).current();
          if (current?.result.ok !== true) return;
          const ids = await actions.remeasureDue(current.result.workspace);
          if (ids.length > 0) ctx.log.log('info', 'actions re-measured', { actions: ids });
        })
        .catch((e: unknown) => {
          ctx.log.log('error', 're-measuring due actions failed', { error: String(e) });
        });
    };
    services.onStart(async () => {
      await ensureActionSchema(ctx.store);
      unsubscribe = ctx.ingested.subscribe(() => {
        clearTimeout(timer);
        timer = setTimeout(sweep, options.quietMs ?? 10_000);
        timer.unref();
      });
      sweep();
    });
    services.onStop(async () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
      await sweeping;
    });

    /** The action, if it exists and the principal may see it; else the answer to send. */
    const visible = async (c: Context<TAppEnv>, id: string) => {
      const action = await actions.get(id);
      if (action === undefined) return fail(c, 404, 'not_found', `no action ${id}`);
      const own = ownTeam(principalOf(c.var.principal));
      if (own !== null && own !== action.team) return notYourTeam(c, action.team, own);
      return action;
    };

    app.openapi(listActions, async (c) => {
      const { team, status, source, touchpoint } = c.req.valid('query');
      const own = ownTeam(principalOf(c.var.principal));
      if (own !== null && team !== undefined && team !== own) {
        return notYourTeam(c, team, own, 'board');
      }
      const filter: TActionFilter = {
        team: own ?? team,
        status,
        sourceKind: source,
        touchpoint,
      };
      return c.json(await actions.list(filter), 200);
    });

    app.openapi(createAction, async (c) => {
      const workspace = await modelOf(c);
      if (workspace instanceof Response) return workspace;
      const input = c.req.valid('json');
      const principal = principalOf(c.var.principal);
      const own = ownTeam(principal);
      if (own !== null) {
        const team = input.team ?? suggestTeam(workspace, input.source);
        if (team !== own) return notYourTeam(c, team ?? '(none given)', own);
      }
      try {
        const created = await actions.create(workspace, input, describePrincipal(principal));
        return c.json(created, 201);
      } catch (e) {
        return actionFailure(c, e);
      }
    });

    app.openapi(getAction, async (c) => {
      const action = await visible(c, c.req.valid('param').id);
      if (action instanceof Response) return action;
      const detail = await actions.detail(action.id);
      if (detail === undefined) return fail(c, 404, 'not_found', `no action ${action.id}`);
      const ready = await actions.readiness(action);
      return c.json(
        { ...detail, remeasure: { ready: ready.ready, reason: ready.ready ? null : ready.reason } },
        200,
      );
    });

    app.openapi(updateAction, async (c) => {
      const action = await visible(c, c.req.valid('param').id);
      if (action instanceof Response) return action;
      const change = c.req.valid('json');
      const principal = principalOf(c.var.principal);
      const own = ownTeam(principal);
      if (own !== null && change.team !== undefined && change.team !== own) {
        return notYourTeam(c, change.team, own);
      }
      const workspace = await modelOf(c);
      if (workspace instanceof Response) return workspace;
      try {
        const who = describePrincipal(principal);
        return c.json(await actions.update(workspace, action.id, change, who), 200);
      } catch (e) {
        return actionFailure(c, e);
      }
    });

    app.openapi(commentAction, async (c) => {
      const action = await visible(c, c.req.valid('param').id);
      if (action instanceof Response) return action;
      const { body } = c.req.valid('json');
      const who = describePrincipal(principalOf(c.var.principal));
      return c.json(await actions.comment(action.id, body, who), 201);
    });

    app.openapi(remeasureAction, async (c) => {
      const action = await visible(c, c.req.valid('param').id);
      if (action instanceof Response) return action;
      const workspace = await modelOf(c);
      if (workspace instanceof Response) return workspace;
      try {
        const who = describePrincipal(principalOf(c.var.principal));
        return c.json(await actions.remeasure(workspace, action.id, who), 200);
      } catch (e) {
        return actionFailure(c, e);
      }
    });
  };
}

/** The module as the server registers it. */
export const actionRoutes: TRouteModule = actionModule();
