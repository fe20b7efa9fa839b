/**
 * The process map over HTTP: `GET /api/process-map` answers the directly-follows graph of the
 * actual journeys, filtered by segment, channel and period (months in the workspace's time
 * zone), with each activity's touchpoint, the variants, and the ideal journey to compare with
 * (src/service/process-map.ts). Unfiltered maps come from the shared analysis results;
 * filtered ones queue on the reading session behind them. The layout is the web app's.
 *
 * Who: any person and `read` tokens, like the analysis it is part of.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TUnavailable } from '../../service/analysis-results.js';
import {
  PROCESS_MAP_VARIANTS,
  processMap,
  ProcessMapFilterError,
} from '../../service/process-map.js';
import { workspaceModel } from '../../service/workspace-model.js';
import type { TRouteModule } from '../app.js';
import { fail, ZError } from '../errors.js';
import { ANY_PERSON, protectedRoute } from '../route.js';
import { analysisResultsOf } from './analysis-routes.js';

const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZError } },
});

const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'a month as YYYY-MM' })
  .optional();

const processMapRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/process-map',
  tags: ['analysis'],
  summary: 'The process map: the directly-follows graph of the journeys, filtered, with variants',
  request: {
    query: z.object({
      segment: z.string().min(1).optional().openapi({ description: 'customers of this segment' }),
      channel: z.string().min(1).optional().openapi({ description: 'events on this channel' }),
      from: ZMonth.openapi({ description: 'events from this month on', example: '2025-01' }),
      to: ZMonth.openapi({ description: 'events up to this month, included', example: '2025-06' }),
      journey: z.string().min(1).optional().openapi({
        description: 'the ideal journey to compare with (default: the segment’s first)',
      }),
    }),
  },
  responses: {
    200: {
      description: 'the map',
      content: {
        'application/json': {
          schema: z.looseObject({}).openapi('ProcessMap', {
            description: `activities (with their touchpoint), edges (count, mean and median seconds), the first ${PROCESS_MAP_VARIANTS} variants (share, mean duration), the ideal journey, and the choices of every filter`,
          }),
        },
      },
    },
    400: error(
      'invalid_filter: a segment, channel or ideal journey the workspace lacks, or an empty period (details: the field)',
    ),
    404: error('no_workspace: the workspace folder has no journeylens.yaml'),
    409: error('workspace_invalid: journeylens.yaml does not validate (details: its errors)'),
    503: error('starting: the server is still starting'),
  },
});

function unavailable(c: Context, u: TUnavailable) {
  if (u.kind === 'no_workspace') {
    return fail(c, 404, 'no_workspace', 'there is no journeylens.yaml to analyse with');
  }
  return fail(
    c,
    409,
    'workspace_invalid',
    `journeylens.yaml (version ${u.version}) does not validate, so the process map cannot be drawn: fix it (GET /api/workspace shows the errors)`,
    u.errors,
  );
}

export const processMapRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  app.openapi(processMapRoute, async (c) => {
    const shared = analysisResultsOf(ctx);
    if (shared === undefined) return fail(c, 503, 'starting', 'the server is still starting');
    const results = await shared.get();
    if ('kind' in results) return unavailable(c, results);
    const current = await workspaceModel(ctx.store, ctx.workspaceDir).current();
    if (current === undefined || !current.result.ok) {
      return fail(c, 503, 'starting', 'the model changed while the map was read: try again');
    }
    try {
      const map = await processMap(results, current.result.workspace, shared, c.req.valid('query'));
      return c.json(map, 200);
    } catch (e) {
      if (e instanceof ProcessMapFilterError) {
        return fail(c, 400, 'invalid_filter', e.message, { field: e.field });
      }
      throw e;
    }
  });
};
