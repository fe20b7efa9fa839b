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
import type { Context } from 'hono';
import type { TResults } from '../../service/analysis-results.js';
import { journeyMap, JourneyMapRequestError, type TJourneyMap } from '../../service/journey-map.js';
import type { TRouteModule } from '../app.js';
import { fail, ZError } from '../errors.js';
import { ANY_PERSON, protectedRoute } from '../route.js';
import { analysisResultsOf } from './analysis-routes.js';

const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZError } },
});

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
    200: { description: 'the map', content: { 'application/json': { schema: ZJourneyMap } } },
    400: error('unknown_segment or unknown_journey: names what the workspace has'),
    404: error('no_workspace: the workspace folder has no journeylens.yaml'),
    409: error('workspace_invalid: journeylens.yaml does not validate (details: its errors)'),
    503: error('starting: the server is still starting'),
  },
});

/** Maps already drawn, per results (a new computation starts afresh) and request. */
const drawn = new WeakMap<TResults, Map<string, Promise<TJourneyMap>>>();

export const journeyMapRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;

  app.openapi(journeyMapRoute, async (c: Context) => {
    const results = analysisResultsOf(ctx);
    if (results === undefined) return fail(c, 503, 'starting', 'the server is still starting');
    const r = await results.get();
    if ('kind' in r) {
      if (r.kind === 'no_workspace') {
        return fail(c, 404, 'no_workspace', 'there is no journeylens.yaml to draw a map of');
      }
      return fail(
        c,
        409,
        'workspace_invalid',
        `journeylens.yaml (version ${r.version}) does not validate, so there is no map: fix it (GET /api/workspace shows the errors)`,
        r.errors,
      );
    }
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
