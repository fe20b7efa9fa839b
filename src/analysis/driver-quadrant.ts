/**
 * The importance-versus-performance quadrant of key-driver analysis (Martilla & James's
 * importance-performance grid): where each driver sits tells the CX team what to do with it.
 *
 * Importance is the driver's rescaled relative weight; performance is its mean rating
 * rescaled over the observed minimum..maximum of that feature (0 = every row at the lowest
 * observed rating, 1 = every row at the highest), so features on different scales compare.
 * Each axis is split at the median over the features analysed: a value at or above the
 * median is "high". The split is relative by design: it ranks the drivers against each
 * other, it does not say that a rating is good or bad in absolute terms. Pure: no I/O.
 */
import type { TColumnSummary } from './correlation.js';

export const QUADRANTS = ['keep up', 'fix first', 'possible overkill', 'lower priority'] as const;

/**
 * - keep up: high importance, high performance: a strength to protect.
 * - fix first: high importance, low performance: where improvement moves the target most.
 * - possible overkill: low importance, high performance: doing well where it matters less.
 * - lower priority: low importance, low performance.
 */
export type TQuadrant = (typeof QUADRANTS)[number];

export type TPerformance = TColumnSummary & {
  /** (mean − min) / (max − min) over the rows used. */
  scaled: number;
};

export type TQuadrantSplit = { importanceMedian: number; performanceMedian: number };

/** A feature's performance from the summary of its used rows (min < max). */
export function performanceOf(summary: TColumnSummary): TPerformance {
  return { ...summary, scaled: (summary.mean - summary.min) / (summary.max - summary.min) };
}

/**
 * The quadrant of each item, split at the medians of importance and of scaled performance.
 *
 * @example quadrants([{ importance: 0.6, performance: 0.2 }, { importance: 0.4, performance: 0.9 }])
 *   // { quadrants: ['fix first', 'possible overkill'], importanceMedian: 0.5, performanceMedian: 0.55 }
 */
export function quadrants(
  items: readonly { importance: number; performance: number }[],
): TQuadrantSplit & { quadrants: TQuadrant[] } {
  const importanceMedian = median(items.map((i) => i.importance));
  const performanceMedian = median(items.map((i) => i.performance));
  return {
    importanceMedian,
    performanceMedian,
    quadrants: items.map(({ importance, performance }) => {
      const important = importance >= importanceMedian;
      const performing = performance >= performanceMedian;
      if (important) return performing ? 'keep up' : 'fix first';
      return performing ? 'possible overkill' : 'lower priority';
    }),
  };
}

/** The middle value, or the mean of the two middle values of an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
