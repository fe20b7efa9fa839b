/**
 * The verbatims of the analysis: themes with their touchpoints, stages and quotes, and the
 * sentiment of each verbatim summed per touchpoint, stage and segment × touchpoint (for the
 * emotion curves), from src/analysis/verbatims. Reading text is the slowest part of the
 * analysis, so at most SAMPLE verbatims are read: a fixed sample (by a hash of the response)
 * when there are more, and the result says how many were read.
 */
import { analyseVerbatims, type TTheme } from '../analysis/verbatims/themes.js';
import { verbatimCount, verbatims as verbatimRows } from '../query/feedback-metrics.js';
import type { TStore } from '../store/store.js';

/** Verbatims read at most: enough for stable themes, bounded in time. */
export const SAMPLE = 20_000;

export type TSentimentSummary = {
  value: string;
  /** Verbatims with a sentiment (English, non-empty). */
  n: number;
  /** Mean sentiment, −1…1. */
  mean: number;
  negative: number;
  positive: number;
};

export type TVerbatimAnalysis = {
  /** Responses with a verbatim, and how many of them were read. */
  verbatims: number;
  read: number;
  themes: TTheme[];
  sentimentByTouchpoint: TSentimentSummary[];
  sentimentByStage: TSentimentSummary[];
};

/** Per segment and touchpoint, the sentiment sums the emotion curves read. */
export type TSentimentCell = { n: number; sum: number };

type TRow = {
  seq: number;
  kind: string;
  score: number;
  verbatim: string;
  language: string | null;
  segment: string | null;
  stage: string | null;
  touchpoint: string | null;
};

export async function verbatimAnalysis(
  store: TStore,
): Promise<{ analysis: TVerbatimAnalysis; bySegmentTouchpoint: Map<string, TSentimentCell> }> {
  const [count] = await store.all<{ n: number }>(verbatimCount);
  const rows = await store.all<TRow>(verbatimRows(SAMPLE));
  const { sentiments, themes } = analyseVerbatims(
    rows.map((r) => ({
      id: String(r.seq),
      text: r.verbatim,
      ...(r.touchpoint === null ? {} : { touchpoint: r.touchpoint }),
      ...(r.stage === null ? {} : { stage: r.stage }),
      score: r.score,
      ...(r.language === null ? {} : { language: r.language }),
    })),
    { limit: 20 },
  );
  const tally = (key: (r: TRow) => string | null): TSentimentSummary[] => {
    const sums = new Map<string, TSentimentSummary>();
    for (const r of rows) {
      const value = key(r);
      const s = sentiments.get(String(r.seq));
      if (value === null || s === undefined) continue;
      const t = sums.get(value) ?? { value, n: 0, mean: 0, negative: 0, positive: 0 };
      t.n += 1;
      t.mean += s.score;
      if (s.label === 'negative') t.negative += 1;
      if (s.label === 'positive') t.positive += 1;
      sums.set(value, t);
    }
    return [...sums.values()]
      .map((t) => ({ ...t, mean: t.mean / t.n }))
      .sort((a, b) => (a.value < b.value ? -1 : 1));
  };
  const bySegmentTouchpoint = new Map<string, TSentimentCell>();
  for (const r of rows) {
    const s = sentiments.get(String(r.seq));
    if (r.touchpoint === null || s === undefined) continue;
    const key = `${r.segment ?? ''}\u0000${r.touchpoint}`;
    const cell = bySegmentTouchpoint.get(key) ?? { n: 0, sum: 0 };
    cell.n += 1;
    cell.sum += s.score;
    bySegmentTouchpoint.set(key, cell);
  }
  return {
    analysis: {
      verbatims: count?.n ?? 0,
      read: rows.length,
      themes,
      sentimentByTouchpoint: tally((r) => r.touchpoint),
      sentimentByStage: tally((r) => r.stage),
    },
    bySegmentTouchpoint,
  };
}
