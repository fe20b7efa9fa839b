/**
 * Search over the verbatims: `GET /api/feedback/verbatims` lists what customers wrote, each
 * with its survey kind and score and the touchpoint and stage the analysis tied it to, a page
 * at a time. `q` searches words and phrases (src/analysis/verbatims/search.ts: inflections,
 * best match first, the matches highlighted in a quote); without `q` the latest come first.
 * `theme` keeps the verbatims of one theme of the analysis, `touchpoint`, `stage` and
 * `sentiment` filter further. The verbatims are read once per computation of the results from
 * the feedback table the analysis keeps on the reading session.
 *
 * Who: any person and `read` tokens, like the analysis they come from.
 */
import { z } from '@hono/zod-openapi';
import { searchVerbatims } from '../../analysis/verbatims/search.js';
import { sentimentOf, type TSentimentLabel } from '../../analysis/verbatims/sentiment.js';
import type { TQuote, TVerbatim } from '../../analysis/verbatims/verbatim.js';
import { allVerbatims, type TVerbatimRow } from '../../query/feedback-metrics.js';
import type { TResults } from '../../service/analysis-results.js';
import type { TRouteModule } from '../app.js';
import { fail } from '../errors.js';
import type { TVerbatimItem, TVerbatimPage } from '../../service/verbatim-search-types.js';
import { page, ZPageFields, ZPageQuery } from '../pagination.js';
import { protectedRoute } from '../route.js';
import { currentResults, READERS, UNAVAILABLE, ZResultsHead } from './current-results.js';
import { jsonResponse } from '../openapi-content.js';

export type { TVerbatimItem, TVerbatimPage };

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const satisfies TSentimentLabel[];
/** Without a search, the start of each text is shown, cut at a word near this length. */
const PREVIEW = 240;

const ZQuote = z.object({
  verbatimId: z.string(),
  text: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});

const verbatimsRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/feedback/verbatims',
  tags: ['analysis'],
  summary: 'Search the verbatims by words, theme, touchpoint, stage and sentiment',
  request: {
    query: z.object({
      ...ZPageQuery,
      q: z.string().max(200).optional().openapi({ description: 'words or a phrase' }),
      theme: z
        .string()
        .min(1)
        .optional()
        .openapi({ description: 'a theme label of the analysis (GET /api/analysis/feedback)' }),
      touchpoint: z.string().min(1).optional(),
      stage: z.string().min(1).optional(),
      sentiment: z.enum(SENTIMENTS).optional(),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          ...ZResultsHead,
          verbatims: z.number().int(),
          ...ZPageFields,
          items: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              score: z.number(),
              answeredAt: z.string(),
              customer: z.string(),
              touchpoint: z.string().nullable(),
              stage: z.string().nullable(),
              text: z.string(),
              quote: ZQuote,
            }),
          ),
        })
        .openapi('VerbatimPage'),
      'the verbatims, best match (or latest) first',
    ),
    ...UNAVAILABLE,
  },
});

/** The start of a text, cut at a word boundary. */
export function preview(id: string, text: string, length = PREVIEW): TQuote {
  const flat = text.trim();
  if (flat.length <= length) return { verbatimId: id, text: flat, highlights: [] };
  const space = flat.lastIndexOf(' ', length);
  const cut = space > length / 2 ? space : length;
  return { verbatimId: id, text: `${flat.slice(0, cut).trimEnd()}…`, highlights: [] };
}

export const feedbackRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  // The verbatims of each computation of the results, read once.
  const read = new WeakMap<TResults, Promise<TVerbatimRow[]>>();

  app.openapi(verbatimsRoute, async (c) => {
    const current = await currentResults(c, ctx);
    if (current instanceof Response) return current;
    const q = c.req.valid('query');
    const { results } = current;
    let rows = read.get(results);
    if (rows === undefined) {
      rows = current.analysis.withReader((reader) => reader.all<TVerbatimRow>(allVerbatims));
      read.set(results, rows);
      void rows.catch(() => read.delete(results));
    }
    let candidates = await rows;
    const total = candidates.length;
    if (q.theme !== undefined) {
      const themes = results.analysis.feedback.verbatims.themes;
      const theme = themes.find((t) => t.label === q.theme);
      if (theme === undefined) {
        return fail(
          c,
          400,
          'unknown_theme',
          `there is no theme "${q.theme}"; the themes are: ${themes.map((t) => t.label).join(', ')}`,
        );
      }
      const ids = new Set(theme.verbatimIds);
      candidates = candidates.filter((r) => ids.has(String(r.seq)));
    }
    const verbatim = (r: TVerbatimRow): TVerbatim => ({
      id: String(r.seq),
      text: r.verbatim,
      ...(r.touchpoint === null ? {} : { touchpoint: r.touchpoint }),
      ...(r.stage === null ? {} : { stage: r.stage }),
      score: r.score,
      ...(r.language === null ? {} : { language: r.language }),
    });
    const bySeq = new Map(candidates.map((r) => [String(r.seq), r]));
    const item = (r: TVerbatimRow, quote: TQuote): TVerbatimItem => ({
      id: String(r.seq),
      kind: r.kind,
      score: r.score,
      answeredAt: new Date(r.ts).toISOString(),
      customer: r.customer_id,
      touchpoint: r.touchpoint,
      stage: r.stage,
      text: r.verbatim,
      quote,
    });
    let items: TVerbatimItem[];
    const text = q.q?.trim() ?? '';
    if (text !== '') {
      const hits = searchVerbatims(candidates.map(verbatim), {
        text,
        ...(q.touchpoint === undefined ? {} : { touchpoint: q.touchpoint }),
        ...(q.stage === undefined ? {} : { stage: q.stage }),
        ...(q.sentiment === undefined ? {} : { sentiment: q.sentiment }),
        limit: candidates.length,
      });
      items = hits.flatMap((h) => {
        const r = bySeq.get(h.verbatimId);
        return r === undefined ? [] : [item(r, h.quote)];
      });
    } else {
      items = candidates
        .filter(
          (r) =>
            (q.touchpoint === undefined || r.touchpoint === q.touchpoint) &&
            (q.stage === undefined || r.stage === q.stage) &&
            (q.sentiment === undefined ||
              sentimentOf(r.verbatim, r.language ?? undefined)?.label === q.sentiment),
        )
        .sort((a, b) => new Date(b.ts).getTime() - new Date(a.ts).getTime() || b.seq - a.seq)
        .map((r) => item(r, preview(String(r.seq), r.verbatim)));
    }
    const answer: TVerbatimPage = {
      modelVersion: results.modelVersion,
      computedAt: results.computedAt,
      verbatims: total,
      ...page(items, q),
    };
    return c.json(answer, 200);
  });
};
