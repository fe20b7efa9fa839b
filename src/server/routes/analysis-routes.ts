/**
 * The analysis results over HTTP: `GET /api/analysis/{section}` for the summary, discovery,
 * conformance, friction, stages, moments of truth, opportunities and feedback. Lists come a
 * page at a time (`offset`, `limit`, `total`); friction and opportunities filter by team, type
 * and touchpoint. The results are computed once on the reading session and kept until the
 * data or the model changes (src/service/analysis-results.ts); every answer says which model
 * version and when.
 *
 * Who: any person and `read` tokens. Team members see every team's rows: the analysis exists
 * to show each team where the customer's journey crosses the others' (filter with
 * `?team=` for one's own).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  AnalysisResults,
  DISCOVERY_VARIANTS,
  type TResults,
} from '../../service/analysis-results.js';
import {
  LIST_SECTIONS,
  listSection,
  summarySection,
  type TListSection,
  type TRowFilter,
} from '../../service/analysis-sections.js';
import { workspaceModel } from '../../service/workspace-model.js';
import type { TRouteModule } from '../app.js';
import { fail } from '../errors.js';
import { page, ZPageQuery } from '../pagination.js';
import { protectedRoute } from '../route.js';
import {
  READERS,
  shareAnalysisResults,
  UNAVAILABLE,
  unavailableAnswer,
} from './current-results.js';
import { jsonResponse } from '../openapi-content.js';

const SECTIONS: Record<TListSection, { summary: string; items: string; filters: boolean }> = {
  discovery: {
    summary: 'Discovery: the directly-follows graph, start and end activities, durations',
    items: `the most frequent variants (the first ${DISCOVERY_VARIANTS}; variantsTotal counts all)`,
    filters: false,
  },
  conformance: {
    summary: 'Conformance to the ideal journeys: fitness by journey and segment, trends',
    items: 'the deviations (skipped, extra, repeated, out-of-order steps)',
    filters: false,
  },
  friction: {
    summary: 'Friction: each type at each touchpoint with its series and trend; breakdowns',
    items: 'friction entries (type × touchpoint)',
    filters: true,
  },
  stages: {
    summary: 'Shared stage metrics: conversion, time in stage, friction rate, teams',
    items: 'one scorecard per stage, in workspace order',
    filters: false,
  },
  moments: {
    summary: 'Moments of truth: the declared ones scored, and the ones the data proposes',
    items: 'the declared moments with their scorecards',
    filters: false,
  },
  opportunities: {
    summary: 'Opportunities: every friction and deviation priced, largest yearly total first',
    items: 'priced opportunities with their assumptions',
    filters: true,
  },
  feedback: {
    summary: 'Voice of the customer: satisfaction metrics, attribution, drivers, verbatims',
    items: 'the gaps between exposed and other customers, largest loss first',
    filters: false,
  },
};

const ZHead = {
  section: z.string(),
  modelVersion: z.number().int().openapi({ description: 'the model version the results use' }),
  computedAt: z.string().openapi({ description: 'when the results were computed' }),
  period: z
    .looseObject({})
    .openapi({ description: 'the period the journeys cover (from, to) and its months' }),
};

function listAnswer(section: TListSection, items: string) {
  return z
    .looseObject({
      ...ZHead,
      total: z.number().int().openapi({ description: 'items in the whole (filtered) list' }),
      offset: z.number().int(),
      limit: z.number().int(),
      items: z.array(z.unknown()).openapi({ description: items }),
    })
    .openapi(`Analysis_${section}`, {
      description:
        'the section (its fields are described in docs/analysis.md); its list a page at a time',
    });
}

const ZFilters = {
  team: z.string().optional().openapi({ description: 'only rows of this team', example: 'care' }),
  type: z.string().optional().openapi({ description: 'only this type', example: 'repeat_contact' }),
  touchpoint: z.string().optional().openapi({ description: 'only this touchpoint' }),
};

function sectionRoute(section: TListSection) {
  const s = SECTIONS[section];
  return protectedRoute(READERS, {
    method: 'get',
    path: `/api/analysis/${section}`,
    tags: ['analysis'],
    summary: s.summary,
    request: { query: z.object({ ...ZPageQuery, ...(s.filters ? ZFilters : {}) }) },
    responses: {
      200: jsonResponse(listAnswer(section, s.items), 'the section'),
      ...UNAVAILABLE,
    },
  });
}

const summaryRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/analysis/summary',
  tags: ['analysis'],
  summary: 'The headline figures of every section, with display names of the ids',
  responses: {
    200: jsonResponse(
      z.looseObject(ZHead).openapi('Analysis_summary', {
        description: 'headline figures per section (docs/analysis.md), and names',
      }),
      'the summary',
    ),
    ...UNAVAILABLE,
  },
});

const head = (section: string, r: TResults) => ({
  section,
  modelVersion: r.modelVersion,
  computedAt: r.computedAt,
  period: r.analysis.period,
});

/** After a change, the analysis is computed again once this long has passed without another. */
const WARM_QUIET_MS = 10_000;

export const analysisRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  let results: AnalysisResults | undefined;
  let probe: { close(): Promise<void> } | undefined;
  let unsubscribe: (() => void) | undefined;

  services.onStart(async () => {
    const session = await ctx.store.fork();
    probe = session;
    results = new AnalysisResults({
      reader: ctx.reader,
      probe: session,
      model: workspaceModel(ctx.store, ctx.workspaceDir),
      onComputed: (ms, modelVersion) =>
        ctx.log.log('info', 'analysis computed', { ms, modelVersion }),
      onIndexError: (message) =>
        ctx.log.log('warn', 'journey index not brought up to date; journeys formed in session', {
          error: message,
        }),
    });
    const current = results;
    shareAnalysisResults(ctx, current);
    unsubscribe = ctx.ingested.subscribe(() => current.invalidate());
    if (ctx.config.warmAnalysis) {
      current.keepWarm(WARM_QUIET_MS, (e) =>
        ctx.log.log('warn', 'analysis not computed in advance', { error: String(e) }),
      );
    }
  });
  services.onStop(async () => {
    unsubscribe?.();
    shareAnalysisResults(ctx, undefined);
    results?.dispose();
    // A computation still running on the reading session must end before the session closes.
    await results?.settled();
    results = undefined;
    await probe?.close();
  });

  const get = () => results?.get();
  const starting = (c: Context) => fail(c, 503, 'starting', 'the server is still starting');

  app.openapi(summaryRoute, async (c) => {
    const r = await get();
    if (r === undefined) return starting(c);
    if ('kind' in r) return unavailableAnswer(c, r);
    return c.json({ ...head('summary', r), ...summarySection(r) }, 200);
  });

  for (const section of LIST_SECTIONS) {
    app.openapi(sectionRoute(section), async (c) => {
      const r = await get();
      if (r === undefined) return starting(c);
      if ('kind' in r) return unavailableAnswer(c, r);
      // The filters exist on friction and opportunities only; elsewhere they are undefined.
      const q = c.req.valid('query') as TRowFilter & { offset: number; limit: number };
      const { items, rest } = listSection(r, section, q);
      return c.json({ ...head(section, r), ...rest, ...page(items, q) }, 200);
    });
  }
};
