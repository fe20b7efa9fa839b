/**
 * The journey map over HTTP: `GET /api/journey-map?segment=&journey=` answers one segment's
 * ideal journey with its touchpoints and what was measured there (src/service/journey-map.ts),
 * from the shared analysis results (analysis-routes.ts) — the same version and computation
 * as every `GET /api/analysis/{section}`. Without parameters it shows the first segment with
 * an ideal journey, and that segment's journey with the most measured journeys.
 *
 * Who: any person and `read` tokens, like the analysis it draws.
 */
import { z } from '@hono/zod-openapi';
import type { TResults } from '../../service/analysis-results.js';
import { journeyMap, JourneyMapRequestError } from '../../service/journey-map.js';
import type { TJourneyMap } from '../../service/journey-map-types.js';
import type { TRouteModule } from '../app.js';
import { errorResponse, fail } from '../errors.js';
import { protectedRoute } from '../route.js';
import { currentResults, READERS, UNAVAILABLE } from './current-results.js';
import { jsonResponse } from '../openapi-content.js';

const ZJourneyMap = z
  .looseObject({
    modelVersion: z.number().int().openapi({ description: 'the model version the results use' }),
    computedAt: z.string().openapi({ description: 'when the results were computed' }),
    period: z.looseObject({}).openapi({ description: 'the period the journeys cover' }),
    segments: z
      .array(z.looseObject({ id: z.string(), name: z.string() }))
      .openapi({ description: 'segments with ideal journeys, each with its journeys' }),
    map: z.looseObject({}).nullable().openapi({
      description:
        'the segment and ideal journey shown: stages, channels, steps with the share of journeys that followed them and the measured emotion, touchpoints with owner, moments of truth, friction per month, satisfaction, volumes and verbatims, and the deviations; null when no segment has an ideal journey',
    }),
  })
  .openapi('JourneyMap');

const journeyMapRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/journey-map',
  tags: ['journey map'],
  summary: 'The journey map of a segment’s ideal journey, designed beside measured',
  request: {
    query: z.object({
      segment: z.string().optional().openapi({ description: 'a segment id', example: 'vip' }),
      journey: z
        .string()
        .optional()
        .openapi({ description: 'an ideal journey of the segment', example: 'online-purchase' }),
    }),
  },
  responses: {
    200: jsonResponse(ZJourneyMap, 'the map'),
    400: errorResponse('unknown_segment or unknown_journey: names what the workspace has'),
    ...UNAVAILABLE,
  },
});

/** Maps already drawn, per results (a new computation starts afresh) and request. */
const drawn = new WeakMap<TResults, Map<string, Promise<TJourneyMap>>>();

export const journeyMapRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;

  app.openapi(journeyMapRoute, async (c) => {
    const current = await currentResults(c, ctx);
    if (current instanceof Response) return current;
    const { results: r, analysis: results } = current;
    const query = c.req.query();
    const request = { segment: nonEmpty(query.segment), journey: nonEmpty(query.journey) };
    const key = `${request.segment ?? ''}\u0000${request.journey ?? ''}`;
    let maps = drawn.get(r);
    if (maps === undefined) {
      maps = new Map<string, Promise<TJourneyMap>>();
      drawn.set(r, maps);
    }
    let map = maps.get(key);
    if (map === undefined) {
      map = journeyMap(r, results, request);
      maps.set(key, map);
      map.catch(() => maps.delete(key));
    }
    try {
      return c.json(await map, 200);
    } catch (e) {
      if (e instanceof JourneyMapRequestError) {
        return fail(c, 400, `unknown_${e.field}`, e.message);
      }
      throw e;
    }
  });
};

const nonEmpty = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v;
