/**
 * Satisfaction figures from the sums of a group of responses (src/query/feedback-metrics.ts),
 * always with n and a 95% interval, suppressed below a minimum n. Each survey kind has a
 * headline measure: the CSAT share of satisfied answers (4–5), NPS (promoters − detractors,
 * −100…100), and for CES and custom kinds the mean score. Gaps compare responses exposed to
 * something (a friction, a touchpoint, a deviation) with the others of the same kind.
 * Pure: no I/O.
 */
import type { TScale } from '../model/workspace-schema.js';
import {
  meanInterval,
  newcombe,
  npsDifference,
  npsInterval,
  welch,
  wilson,
  type TInterval,
  type TMoments,
} from './statistics.js';

/** The sums of one group of responses of one kind. */
export type TResponseSums = TMoments & {
  positive: number;
  promoters: number;
  detractors: number;
  customers: number;
};

export type TMeasure = 'satisfied share' | 'nps' | 'mean';

export type TSatisfaction = {
  kind: string;
  n: number;
  customers: number;
  /** Fewer than the minimum n: no figure is shown. */
  suppressed: boolean;
  measure: TMeasure;
  /** The headline figure (share 0–1, NPS points, or mean) with its interval; null if suppressed. */
  score: TInterval | null;
  mean: TInterval | null;
  /** Share of answers in the positive box, where the scale has one. */
  positiveShare: TInterval | null;
};

/** The headline measure of a kind. */
export function measureOf(kind: string): TMeasure {
  return kind === 'csat' ? 'satisfied share' : kind === 'nps' ? 'nps' : 'mean';
}

export function satisfaction(
  kind: string,
  sums: TResponseSums,
  scale: TScale | undefined,
  minResponses: number,
): TSatisfaction {
  const measure = measureOf(kind);
  const base = { kind, n: sums.n, customers: sums.customers, measure };
  if (sums.n < minResponses || sums.n === 0) {
    return { ...base, suppressed: true, score: null, mean: null, positiveShare: null };
  }
  const positiveShare = scale?.positiveFrom === undefined ? null : wilson(sums.positive, sums.n);
  const mean = meanInterval(sums);
  const score =
    measure === 'nps'
      ? npsInterval(sums.promoters, sums.detractors, sums.n)
      : measure === 'satisfied share'
        ? wilson(sums.positive, sums.n)
        : mean;
  return { ...base, suppressed: false, score, mean, positiveShare };
}

/** Exposed and not exposed responses of one kind, compared. */
export type TSatisfactionGap = {
  kind: string;
  measure: TMeasure;
  exposed: { n: number; customers: number; score: number | null; mean: number };
  notExposed: { n: number; score: number | null; mean: number };
  /** Exposed − not exposed in the headline measure: a share difference (−1…1) for CSAT, NPS points for NPS, the mean for CES; null if suppressed. */
  gap: TInterval | null;
  /** Exposed − not exposed mean score (Welch). */
  meanGap: TInterval | null;
  /** Exposed − not exposed share of detractors (NPS only), which prices churn. */
  detractorGap: TInterval | null;
  /** meanGap / scale width × customers exposed: how much it weighs, negative when it hurts. */
  impact: number | null;
  /** The interval of the gap excludes 0. */
  significant: boolean;
  suppressed: boolean;
};

const minus = (a: TResponseSums, b: TResponseSums): TResponseSums => ({
  n: a.n - b.n,
  sum: a.sum - b.sum,
  sumSquares: a.sumSquares - b.sumSquares,
  positive: a.positive - b.positive,
  promoters: a.promoters - b.promoters,
  detractors: a.detractors - b.detractors,
  customers: Math.max(0, a.customers - b.customers),
});

/** `exposed` are some of the `all` responses of one kind; the others are the comparison. */
export function satisfactionGap(
  kind: string,
  exposed: TResponseSums,
  all: TResponseSums,
  scale: TScale | undefined,
  minResponses: number,
): TSatisfactionGap {
  const rest = minus(all, exposed);
  const measure = measureOf(kind);
  const headline = (s: TResponseSums): number | null =>
    s.n === 0
      ? null
      : measure === 'nps'
        ? (100 * (s.promoters - s.detractors)) / s.n
        : measure === 'satisfied share'
          ? s.positive / s.n
          : s.sum / s.n;
  const sides = {
    exposed: {
      n: exposed.n,
      customers: exposed.customers,
      score: headline(exposed),
      mean: exposed.n === 0 ? Number.NaN : exposed.sum / exposed.n,
    },
    notExposed: {
      n: rest.n,
      score: headline(rest),
      mean: rest.n === 0 ? Number.NaN : rest.sum / rest.n,
    },
  };
  if (exposed.n < minResponses || rest.n < minResponses) {
    return {
      kind,
      measure,
      ...sides,
      gap: null,
      meanGap: null,
      detractorGap: null,
      impact: null,
      significant: false,
      suppressed: true,
    };
  }
  const meanGap = welch(exposed, rest);
  const gap =
    measure === 'nps'
      ? npsDifference(exposed, rest)
      : measure === 'satisfied share'
        ? newcombe(exposed.positive, exposed.n, rest.positive, rest.n)
        : meanGap;
  const detractorGap =
    kind === 'nps' ? newcombe(exposed.detractors, exposed.n, rest.detractors, rest.n) : null;
  const width = scale === undefined ? 1 : scale.max - scale.min;
  const significant = gap.low !== null && gap.high !== null && (gap.low > 0 || gap.high < 0);
  return {
    kind,
    measure,
    ...sides,
    gap,
    meanGap,
    detractorGap,
    impact: (meanGap.value / width) * exposed.customers,
    significant,
    suppressed: false,
  };
}
