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
import {
  PROCESS_MAP_VARIANTS,
  processMap,
  ProcessMapFilterError,
} from '../../service/process-map.js';
import type { TRouteModule } from '../app.js';
import { errorResponse, fail } from '../errors.js';
import { protectedRoute } from '../route.js';
import { currentResults, READERS, UNAVAILABLE } from './current-results.js';

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
    400: errorResponse(
      'invalid_filter: a segment, channel or ideal journey the workspace lacks, or an empty period (details: the field)',
    ),
    ...UNAVAILABLE,
  },
});

export const processMapRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
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
