/**
 * The process map over HTTP: `GET /api/process-map` answers the directly-follows graph of the
 * actual journeys, filtered by segment, channel and period (months in the workspace's time
 * zone), with each activity's touchpoint, the variants, and the ideal journey to compare with
 * (src/service/process-map.ts). Unfiltered maps come from the shared analysis results;
 * filtered ones queue on the reading session behind them. `POST /api/process-map/layout` lays
 * out the map the web app decided to draw (boxes and lines with their sizes only), with a warm
 * ELK in a worker thread and a cache (src/service/process-layout.ts).
 *
 * Who: any person and `read` tokens, like the analysis it is part of.
 */
import { z } from '@hono/zod-openapi';
import {
  PROCESS_MAP_VARIANTS,
  processMap,
  ProcessMapFilterError,
} from '../../service/process-map.js';
import { LAYOUT_LIMITS } from '../../analysis/process-layout.js';
import { ProcessLayouts } from '../../service/process-layout.js';
import type { TRouteModule } from '../app.js';
import { errorResponse, fail } from '../errors.js';
import { protectedRoute } from '../route.js';
import { currentResults, READERS, UNAVAILABLE } from './current-results.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

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
    200: jsonResponse(
      z.looseObject({}).openapi('ProcessMap', {
        description: `activities (with their touchpoint), edges (count, mean and median seconds), the first ${PROCESS_MAP_VARIANTS} variants (share, mean duration), the ideal journey, and the choices of every filter`,
      }),
      'the map',
    ),
    400: errorResponse(
      'invalid_filter: a segment, channel or ideal journey the workspace lacks, or an empty period (details: the field)',
    ),
    ...UNAVAILABLE,
  },
});

const ZSize = z.object({
  width: z.number().positive().max(5000),
  height: z.number().positive().max(5000),
});
const ZId = z.string().min(1).max(300);

export const ZLayoutInput = z
  .object({
    nodes: z
      .array(z.object({ id: ZId }).extend(ZSize.shape))
      .max(LAYOUT_LIMITS.nodes, { error: `at most ${LAYOUT_LIMITS.nodes} boxes` }),
    edges: z
      .array(z.object({ id: ZId, source: ZId, target: ZId, label: ZSize.nullable() }))
      .max(LAYOUT_LIMITS.edges, { error: `at most ${LAYOUT_LIMITS.edges} lines` }),
  })
  .superRefine((input, check) => {
    const ids = new Set<string>();
    input.nodes.forEach((n, i) => {
      if (ids.has(n.id)) {
        check.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `${n.id} twice` });
      }
      ids.add(n.id);
    });
    input.edges.forEach((e, i) => {
      for (const end of ['source', 'target'] as const) {
        if (!ids.has(e[end])) {
          check.addIssue({
            code: 'custom',
            path: ['edges', i, end],
            message: `no box ${e[end]}`,
          });
        }
      }
    });
  })
  .openapi('ProcessLayoutInput');

const ZBox = z.object({ x: z.number(), y: z.number() }).extend(ZSize.shape);

const processLayoutRoute = protectedRoute(READERS, {
  method: 'post',
  path: '/api/process-map/layout',
  tags: ['analysis'],
  summary: 'Where the boxes and lines of a process map go (ELK layered, left to right)',
  request: {
    body: jsonBody(ZLayoutInput),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          width: z.number(),
          height: z.number(),
          nodes: z.record(z.string(), ZBox),
          edges: z.record(
            z.string(),
            z.object({
              points: z.array(z.object({ x: z.number(), y: z.number() })),
              label: ZBox.nullable(),
            }),
          ),
        })
        .openapi('ProcessLayout'),
      'each box and each line with its label, by id',
    ),
    400: errorResponse('invalid: a line between boxes that are not there, or too many of them'),
  },
});

export const processMapRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  const layouts = new ProcessLayouts();
  services.onStart(async () => {
    // Warmed in the background: the server answers meanwhile.
    layouts.warm().catch((e: unknown) => {
      ctx.log.log('warn', 'process map layout warm-up failed', { error: String(e) });
    });
    await Promise.resolve();
  });
  services.onStop(() => layouts.close());
  app.openapi(processLayoutRoute, async (c) => {
    return c.json(await layouts.layout(c.req.valid('json')), 200);
  });
  app.openapi(processMapRoute, async (c) => {
    const current = await currentResults(c, ctx);
    if (current instanceof Response) return current;
    const { results, workspace, analysis } = current;
    try {
      const map = await processMap(results, workspace, analysis, c.req.valid('query'));
      return c.json(map, 200);
    } catch (e) {
      if (e instanceof ProcessMapFilterError) {
        return fail(c, 400, 'invalid_filter', e.message, { field: e.field });
      }
      throw e;
    }
  });
};
