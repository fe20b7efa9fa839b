/**
 * What the CX team (admin, cx) does with a brainstorm once it is over: lock it early, merge
 * duplicates, cluster entries into touchpoints of the model and order touchpoints into ideal
 * journeys (both saved through the workspace save path: a new version of journeylens.yaml
 * and an audit entry), and export the entries (CSV or JSON, anonymous like every answer).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { formatWorkspaceError } from '../../model/workspace-errors.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { SLUG, SLUG_MESSAGE } from '../../model/workspace-schema.js';
import { audit } from '../../service/auth/accounts.js';
import { describePrincipal } from '../../service/auth/roles.js';
import type { BrainstormService } from '../../service/brainstorms/brainstorms.js';
import {
  clusterEdit,
  clusterEntries,
  clusteredTouchpoints,
  journeyEdit,
  ZCluster,
  ZJourneyOrder,
} from '../../service/brainstorms/curation.js';
import { WORKSPACE_FILE } from '../../service/workspace-files.js';
import { workspaceModel, type TEdit } from '../../service/workspace-model.js';
import { principalOf } from '../auth.js';
import type { TApp, TAppEnv, TServerContext } from '../context.js';
import { fail, errorResponse } from '../errors.js';
import { MODEL_EDITORS, protectedRoute } from '../route.js';
import { refused, REFUSALS, ZBrainstormInfo, ZId } from './brainstorm-schemas.js';
import { jsonResponse, jsonBody } from '../openapi-content.js';

/**
 * An id in a path, as the model's slugs (built here from the OpenAPI-aware zod, so its example
 * shows in the document whichever module loaded zod first).
 */
const slug = (example: string) =>
  z.string().regex(SLUG, { error: SLUG_MESSAGE }).openapi({ example });

const CURATORS = { roles: MODEL_EDITORS, scopes: [] } as const;
const READERS = { roles: ['admin', 'cx', 'team', 'viewer'], scopes: ['read'] } as const;

const ZSaved = z
  .object({
    version: z.number().int(),
    changed: z.boolean(),
    changes: z.array(z.string()),
  })
  .openapi('BrainstormModelSaved');

const modelErrors = {
  400: errorResponse(
    'invalid, or invalid_workspace: the model would not validate (`details` says where)',
  ),
  404: errorResponse('no such brainstorm'),
  409: errorResponse('still_open (lock it first), or stale: that part of the model changed since'),
};

const lockRoute = protectedRoute(CURATORS, {
  method: 'post',
  path: '/api/brainstorms/{id}/lock',
  tags: ['brainstorms'],
  summary: 'Lock a brainstorm now (it locks by itself at its end time)',
  request: { params: ZId },
  responses: {
    ...REFUSALS,
    200: jsonResponse(ZBrainstormInfo, 'locked'),
    404: errorResponse('no such brainstorm'),
  },
});

const mergeRoute = protectedRoute(CURATORS, {
  method: 'post',
  path: '/api/brainstorms/{id}/merge',
  tags: ['brainstorms'],
  summary: 'Merge entries into another as its duplicates (`into: null` separates them again)',
  request: {
    params: ZId,
    body: jsonBody(
      z.strictObject({
        into: z.string().nullable(),
        entries: z.array(z.string().min(1)).min(1, { error: 'name at least one entry' }),
      }),
    ),
  },
  responses: {
    ...REFUSALS,
    204: { description: 'merged' },
    404: errorResponse('no such brainstorm or entry'),
    409: errorResponse('still_open: lock it first'),
  },
});

const clusterRoute = protectedRoute(CURATORS, {
  method: 'put',
  path: '/api/brainstorms/{id}/touchpoints/{touchpointId}',
  tags: ['brainstorms'],
  summary: 'Cluster entries (and their duplicates) into a touchpoint of the model',
  description:
    'Adds or replaces the touchpoint with `origin: { brainstorm, entries, teams }` (entries per team). Entries taken from another touchpoint of the session leave it.',
  request: {
    params: ZId.extend({ touchpointId: slug('delivery-tracking') }),
    body: jsonBody(ZCluster),
  },
  responses: { ...REFUSALS, 200: jsonResponse(ZSaved, 'saved'), ...modelErrors },
});

const journeyRoute = protectedRoute(CURATORS, {
  method: 'put',
  path: '/api/brainstorms/{id}/journeys/{journeyId}',
  tags: ['brainstorms'],
  summary: 'Order touchpoints into an ideal journey of one of the session’s segments',
  request: {
    params: ZId.extend({ journeyId: slug('premium-online') }),
    body: jsonBody(ZJourneyOrder),
  },
  responses: { ...REFUSALS, 200: jsonResponse(ZSaved, 'saved'), ...modelErrors },
});

const exportRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/brainstorms/{id}/export',
  tags: ['brainstorms'],
  summary:
    'The entries as CSV or JSON (no author, no team per entry; counts per team after the lock)',
  request: {
    params: ZId,
    query: z.object({ format: z.enum(['csv', 'json']).default('json') }),
  },
  responses: {
    ...REFUSALS,
    200: {
      description: 'the export',
      content: { 'application/json': { schema: z.unknown() }, 'text/csv': { schema: z.string() } },
    },
    404: errorResponse('no such brainstorm'),
  },
});

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

type TModelOf = (
  ctx: TServerContext,
) => Promise<{ version: number; workspace: TWorkspace | undefined }>;

export function curationRoutes(app: TApp, brainstorms: BrainstormService, modelOf: TModelOf): void {
  async function save(
    c: Context<TAppEnv>,
    edit: TEdit,
    baseVersion: number | undefined,
    target: string,
  ) {
    const ctx = c.var.ctx;
    const model = workspaceModel(ctx.store, ctx.workspaceDir);
    const actor = describePrincipal(principalOf(c.var.principal));
    const result = await model.save({
      edit,
      baseVersion: baseVersion ?? (await modelOf(ctx)).version,
      actor,
      via: `${c.req.method} ${c.req.path}`,
    });
    switch (result.kind) {
      case 'invalid': {
        const first = result.errors[0];
        return fail(
          c,
          400,
          'invalid_workspace',
          `the model would not validate${first ? `: ${formatWorkspaceError(first, WORKSPACE_FILE)}` : ''}`,
          result.errors.map((e) => ({ path: e.path, reason: e.message })),
        );
      }
      case 'conflict':
        return fail(c, 409, result.code, result.message, { currentVersion: result.current });
      case 'not-your-team':
        return fail(c, 403, 'not_your_team', result.reason);
      case 'unchanged':
      case 'saved':
        await audit(ctx.store, {
          actor,
          action: 'brainstorm.curate',
          target,
          detail: { version: result.info.version },
        });
        return c.json(
          {
            version: result.info.version,
            changed: result.kind === 'saved',
            changes: result.kind === 'saved' ? result.changes : [],
          },
          200,
        );
    }
  }

  app.openapi(lockRoute, async (c) => {
    const { id } = c.req.valid('param');
    const r = await brainstorms.lock(id);
    if (r.kind !== 'ok') return refused(c, r);
    await audit(c.var.ctx.store, {
      actor: describePrincipal(principalOf(c.var.principal)),
      action: 'brainstorm.lock',
      target: id,
    });
    return c.json(r.value, 200);
  });

  app.openapi(mergeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { into, entries } = c.req.valid('json');
    const r = await brainstorms.merge(id, into, entries);
    if (r.kind !== 'ok') return refused(c, r);
    await audit(c.var.ctx.store, {
      actor: describePrincipal(principalOf(c.var.principal)),
      action: 'brainstorm.merge',
      target: id,
      detail: { into, entries },
    });
    return c.body(null, 204);
  });

  app.openapi(clusterRoute, async (c) => {
    const { id, touchpointId } = c.req.valid('param');
    const cluster = c.req.valid('json');
    const r = await brainstorms.lockedEntries(id);
    if (r.kind !== 'ok') return refused(c, r);
    const taken = clusterEntries(cluster.entries, r.value.entries);
    if (!taken.ok) return fail(c, 400, 'invalid', taken.message);
    const edit = clusterEdit(id, touchpointId, cluster, taken.entries, r.value.entries);
    return save(c, edit, cluster.baseVersion, `${id} touchpoint ${touchpointId}`);
  });

  app.openapi(journeyRoute, async (c) => {
    const { id, journeyId } = c.req.valid('param');
    const order = c.req.valid('json');
    const r = await brainstorms.lockedEntries(id);
    if (r.kind !== 'ok') return refused(c, r);
    if (!r.value.session.segments.includes(order.segment)) {
      return fail(
        c,
        400,
        'invalid',
        `segment: "${order.segment}" is not a segment of this brainstorm (${r.value.session.segments.join(', ') || 'none'})`,
      );
    }
    return save(c, journeyEdit(journeyId, order), order.baseVersion, `${id} journey ${journeyId}`);
  });

  app.openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const read = await brainstorms.read(id, undefined);
    if (read === undefined) return fail(c, 404, 'not_found', `no brainstorm ${id}`);
    const { workspace } = await modelOf(c.var.ctx);
    const touchpointOf = new Map<string, string>();
    for (const t of clusteredTouchpoints(workspace, id))
      for (const e of t.entries) touchpointOf.set(e, t.id);
    const rows = read.entries.map((e) => ({
      id: e.id,
      n: e.n,
      text: e.text,
      channel: e.channel,
      stage: e.stage,
      duplicateOf: e.duplicateOf,
      touchpoint: touchpointOf.get(e.id) ?? null,
    }));
    c.header('Content-Disposition', `attachment; filename="${id}.${format}"`);
    if (format === 'csv') {
      const head = 'id,n,text,channel,stage,duplicate_of,touchpoint';
      const lines = rows.map((r) =>
        [r.id, r.n, r.text, r.channel, r.stage, r.duplicateOf, r.touchpoint].map(csvCell).join(','),
      );
      return c.body([head, ...lines].join('\r\n') + '\r\n', 200, {
        'content-type': 'text/csv; charset=utf-8',
      });
    }
    return c.json(
      { brainstorm: read.info, entries: rows, teamCounts: read.teamCounts ?? null },
      200,
    );
  });
}
