/**
 * Friction over time: `GET /api/friction/trend` counts the friction occurrences of the current
 * analysis per day, week (starting Monday) or month in the workspace's time zone, broken down
 * by segment, team, channel or type, optionally for one type, team or touchpoint. It reads the
 * occurrences the analysis keeps on the reading session (src/query/friction-trend.ts), so the
 * counts are those of GET /api/analysis/friction, cut differently.
 *
 * Who: any person and `read` tokens, like the analysis it cuts.
 */
import { z } from '@hono/zod-openapi';
import { GRAINS } from '../../query/friction-report.js';
import {
  frictionTrend,
  frictionTrendOverall,
  frictionTrendTotals,
  TREND_DIMENSIONS,
  type TFrictionTrend,
  type TTrendCounts,
  type TTrendFilter,
} from '../../query/friction-trend.js';
import type { TRouteModule } from '../app.js';
import { protectedRoute } from '../route.js';
import { currentResults, READERS, UNAVAILABLE, ZResultsHead } from './current-results.js';
import { jsonResponse } from '../openapi-content.js';

const ZCounts = { occurrences: z.number().int(), customers: z.number().int() };

const trendRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/friction/trend',
  tags: ['analysis'],
  summary: 'Friction occurrences per day, week or month, by segment, team, channel or type',
  request: {
    query: z.object({
      granularity: z
        .enum(GRAINS)
        .default('month')
        .openapi({ description: 'the period: day, week (from Monday) or month' }),
      by: z
        .enum(TREND_DIMENSIONS)
        .default('segment')
        .openapi({ description: 'the breakdown of each period' }),
      type: z.string().min(1).optional().openapi({ example: 'repeat_contact' }),
      team: z.string().min(1).optional().openapi({ example: 'care' }),
      touchpoint: z.string().min(1).optional(),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          ...ZResultsHead,
          granularity: z.enum(GRAINS),
          by: z.enum(TREND_DIMENSIONS),
          timezone: z.string(),
          filter: z.object({
            type: z.string().optional(),
            team: z.string().optional(),
            touchpoint: z.string().optional(),
          }),
          total: z.object(ZCounts),
          values: z.array(z.object({ value: z.string().nullable(), ...ZCounts })),
          series: z.array(
            z.object({ period: z.string(), value: z.string().nullable(), ...ZCounts }),
          ),
        })
        .openapi('FrictionTrend'),
      'the counts',
    ),
    ...UNAVAILABLE,
  },
});

export const frictionTrendRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  app.openapi(trendRoute, async (c) => {
    const current = await currentResults(c, ctx);
    if (current instanceof Response) return current;
    const { granularity, by, ...rest } = c.req.valid('query');
    const filter: TTrendFilter = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined),
    );
    const timezone = current.workspace.settings.timezone;
    const { overall, values, series } = await current.analysis.withReader(async (reader) => ({
      overall: await reader.all<TTrendCounts>(frictionTrendOverall(filter)),
      values: await reader.all<TTrendCounts & { value: string | null }>(
        frictionTrendTotals(by, filter),
      ),
      series: await reader.all<TTrendCounts & { period: string; value: string | null }>(
        frictionTrend(granularity, by, timezone, filter),
      ),
    }));
    const answer: TFrictionTrend = {
      modelVersion: current.results.modelVersion,
      computedAt: current.results.computedAt,
      granularity,
      by,
      timezone,
      filter,
      total: overall[0] ?? { occurrences: 0, customers: 0 },
      values,
      series,
    };
    return c.json(answer, 200);
  });
};
