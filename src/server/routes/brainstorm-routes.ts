/**
 * Brainstorms over HTTP (src/service/brainstorms/): the CX team (admin, cx) opens a session;
 * the CX team and members of the invited teams add, change and remove their entries while it
 * is open; every person and `read` tokens watch the board and its live stream; after the
 * lock the CX team merges, clusters and orders (brainstorm-curation-routes.ts).
 *
 * Anonymity at this edge: entry writes set `withholdPrincipal`, so the request log line of
 * an entry write says what was done but not by whom (src/server/app.ts); entry writes are not
 * audited (an audit entry names its actor); no answer has a field for an entry's author.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { audit } from '../../service/auth/accounts.js';
import { describePrincipal, type TPrincipal } from '../../service/auth/roles.js';
import {
  checkBrainstormAgainstModel,
  checkEntryAgainstModel,
  ZEntryInput,
  ZNewBrainstorm,
} from '../../service/brainstorms/brainstorm-input.js';
import { ensureBrainstormSchema } from '../../service/brainstorms/brainstorm-store.js';
import type { TBoard } from '../../service/brainstorms/brainstorm-types.js';
import { BrainstormService } from '../../service/brainstorms/brainstorms.js';
import { clusteredTouchpoints, segmentJourneys } from '../../service/brainstorms/curation.js';
import { workspaceModel } from '../../service/workspace-model.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { TAppEnv } from '../context.js';
import { fail, errorResponse } from '../errors.js';
import { ANY_PERSON, MODEL_EDITORS, protectedRoute } from '../route.js';
import { curationRoutes } from './brainstorm-curation-routes.js';
import {
  refused,
  REFUSALS,
  ZBoard,
  ZBrainstormInfo,
  ZEntry,
  ZEntryPath,
  ZId,
} from './brainstorm-schemas.js';
import { boardStream } from './brainstorm-stream.js';
import { jsonResponse, jsonBody } from '../openapi-content.js';

const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;
const CURATORS = { roles: MODEL_EDITORS, scopes: [] } as const;
/** Admitted, then held to the invitation (team members of invited teams) and to authorship. */
const WRITERS = { roles: [...MODEL_EDITORS, 'team'], scopes: [] } as const;

export type TBrainstormRouteOptions = {
  /** The clock (tests move it past a session's end). */
  now?: () => number;
  /** A comment line on idle streams this often (15 s). */
  keepAliveMs?: number;
  /** Hands over the service (tests). */
  onService?: (service: BrainstormService) => void;
};

const listRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/brainstorms',
  tags: ['brainstorms'],
  summary: 'Brainstorms, newest first',
  responses: {
    200: jsonResponse(z.object({ brainstorms: z.array(ZBrainstormInfo) }), 'the sessions'),
  },
});

const createRoute = protectedRoute(CURATORS, {
  method: 'post',
  path: '/api/brainstorms',
  tags: ['brainstorms'],
  summary: 'Open a time-boxed brainstorm for the invited teams (it starts now)',
  description:
    'Give `durationMinutes` or `endsAt`. Teams and segments must be those of the workspace model.',
  request: { body: jsonBody(ZNewBrainstorm) },
  responses: { ...REFUSALS, 201: jsonResponse(ZBrainstormInfo, 'opened') },
});

const boardRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/brainstorms/{id}',
  tags: ['brainstorms'],
  summary: 'A brainstorm board: its entries (anonymous), and after the lock the counts per team',
  request: { params: ZId },
  responses: {
    ...REFUSALS,
    200: jsonResponse(ZBoard, 'the board'),
    404: errorResponse('no such brainstorm'),
  },
});

const addRoute = protectedRoute(WRITERS, {
  method: 'post',
  path: '/api/brainstorms/{id}/entries',
  tags: ['brainstorms'],
  summary: 'Add an entry (anonymous): an interaction a customer can have with the company',
  request: { params: ZId, body: jsonBody(ZEntryInput) },
  responses: {
    ...REFUSALS,
    201: jsonResponse(ZEntry, 'added; everyone watching the board sees it'),
    403: errorResponse('not_invited: the caller’s team is not invited'),
    404: errorResponse('no such brainstorm'),
    409: errorResponse('locked: the session’s time is up'),
  },
});

const editRoute = protectedRoute(WRITERS, {
  method: 'patch',
  path: '/api/brainstorms/{id}/entries/{entryId}',
  tags: ['brainstorms'],
  summary: 'Change an entry of one’s own while the session is open',
  request: { params: ZEntryPath, body: jsonBody(ZEntryInput) },
  responses: {
    ...REFUSALS,
    200: jsonResponse(ZEntry, 'changed'),
    403: errorResponse('not_your_entry, or not_invited'),
    404: errorResponse('no such brainstorm or entry'),
    409: errorResponse('locked: the session’s time is up'),
  },
});

const removeRoute = protectedRoute(WRITERS, {
  method: 'delete',
  path: '/api/brainstorms/{id}/entries/{entryId}',
  tags: ['brainstorms'],
  summary: 'Remove an entry: its author while the session is open; the CX team at any time',
  request: { params: ZEntryPath },
  responses: {
    ...REFUSALS,
    204: { description: 'removed' },
    403: errorResponse('not_your_entry'),
    404: errorResponse('no such brainstorm or entry'),
    409: errorResponse('locked: the session’s time is up'),
  },
});

const modelOf = async (ctx: TAppEnv['Variables']['ctx']) => {
  const current = await workspaceModel(ctx.store, ctx.workspaceDir).current();
  return {
    version: current?.version ?? 0,
    workspace: current?.result.ok === true ? current.result.workspace : undefined,
  };
};

const isCurator = (p: TPrincipal) => p.kind === 'user' && (p.role === 'admin' || p.role === 'cx');

export function brainstormModule(options: TBrainstormRouteOptions = {}): TRouteModule {
  return (app, services) => {
    const ctx = services.context;
    const brainstorms = new BrainstormService(ctx.store, options.now);
    options.onService?.(brainstorms);
    services.onStart(async () => {
      await ensureBrainstormSchema(ctx.store);
      await brainstorms.start();
    });
    services.onClosing(() => brainstorms.close());
    services.onStop(() => {
      brainstorms.close();
      return Promise.resolve();
    });

    // Who writes an entry stays out of the request log (see the header).
    const withhold = async (c: Context<TAppEnv>, next: () => Promise<void>) => {
      if (c.req.method !== 'GET') c.set('withholdPrincipal', true);
      await next();
    };
    app.use('/api/brainstorms/:id/entries', withhold);
    app.use('/api/brainstorms/:id/entries/*', withhold);

    app.openapi(listRoute, async (c) => c.json({ brainstorms: await brainstorms.list() }, 200));

    app.openapi(createRoute, async (c) => {
      const input = c.req.valid('json');
      const { workspace } = await modelOf(c.var.ctx);
      const errors = checkBrainstormAgainstModel(input, workspace);
      const first = errors[0];
      if (first !== undefined)
        return fail(c, 400, 'invalid', `${first.path}: ${first.message}`, errors);
      if (input.endsAt !== undefined && Date.parse(input.endsAt) <= (options.now ?? Date.now)()) {
        return fail(c, 400, 'invalid', 'endsAt: must be in the future');
      }
      const actor = describePrincipal(principalOf(c.var.principal));
      const created = await brainstorms.create(input, actor);
      await audit(c.var.ctx.store, {
        actor,
        action: 'brainstorm.create',
        target: created.id,
        detail: { title: created.title, teams: created.teams, endsAt: created.endsAt },
      });
      return c.json(created, 201);
    });

    app.openapi(boardRoute, async (c) => {
      const { id } = c.req.valid('param');
      const p = principalOf(c.var.principal);
      const read = await brainstorms.read(id, p.kind === 'user' ? p.id : undefined);
      if (read === undefined) return fail(c, 404, 'not_found', `no brainstorm ${id}`);
      const { version, workspace } = await modelOf(c.var.ctx);
      const session = read.info;
      const board: TBoard = {
        brainstorm: session,
        entries: read.entries,
        teamCounts: read.teamCounts,
        canWrite:
          session.status === 'open' &&
          p.kind === 'user' &&
          (isCurator(p) ||
            (p.role === 'team' && p.team !== null && session.teams.includes(p.team))),
        canCurate: isCurator(p),
        modelVersion: version,
        touchpoints: clusteredTouchpoints(workspace, id),
        journeys: segmentJourneys(workspace, session.segments),
        model: {
          stages: workspace?.stages ?? [],
          channels: workspace?.channels ?? [],
          teams: (workspace?.teams ?? []).map((t) => ({ id: t.id, name: t.name })),
          segments: (workspace?.segments ?? []).map((s) => ({ id: s.id, name: s.name })),
          touchpoints: (workspace?.touchpoints ?? []).map((t) => ({ id: t.id, name: t.name })),
        },
      };
      return c.json(board, 200);
    });

    app.openapi(addRoute, async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const errors = checkEntryAgainstModel(input, (await modelOf(c.var.ctx)).workspace);
      const first = errors[0];
      if (first !== undefined)
        return fail(c, 400, 'invalid', `${first.path}: ${first.message}`, errors);
      const r = await brainstorms.add(id, principalOf(c.var.principal), input);
      return r.kind === 'ok' ? c.json(r.value, 201) : refused(c, r);
    });

    app.openapi(editRoute, async (c) => {
      const { id, entryId } = c.req.valid('param');
      const input = c.req.valid('json');
      const errors = checkEntryAgainstModel(input, (await modelOf(c.var.ctx)).workspace);
      const first = errors[0];
      if (first !== undefined)
        return fail(c, 400, 'invalid', `${first.path}: ${first.message}`, errors);
      const r = await brainstorms.edit(id, entryId, principalOf(c.var.principal), input);
      return r.kind === 'ok' ? c.json(r.value, 200) : refused(c, r);
    });

    app.openapi(removeRoute, async (c) => {
      const { id, entryId } = c.req.valid('param');
      const r = await brainstorms.remove(id, entryId, principalOf(c.var.principal));
      return r.kind === 'ok' ? c.body(null, 204) : refused(c, r);
    });

    boardStream(app, brainstorms, options.keepAliveMs ?? 15_000);
    curationRoutes(app, brainstorms, (ctx2) => modelOf(ctx2));
  };
}

/** The module as the server registers it. */
export const brainstormRoutes: TRouteModule = brainstormModule();
