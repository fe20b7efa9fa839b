/**
 * Monthly series for the report: one month axis for the whole analysis (a month without
 * occurrences is a zero, not a gap), series filled onto it, and the conformance of all ideal
 * journeys together per month.
 */
import { monthRange } from '../../analysis/trend.js';
import type { TAnalysis } from '../../service/analyze.js';

/** Every `YYYY-MM` from the first month the analysis mentions to the last. */
export function monthAxis(a: TAnalysis): string[] {
  const seen: string[] = [];
  for (const instant of [a.period.from, a.period.to]) if (instant !== null) seen.push(instant);
  for (const f of a.friction) for (const p of f.perMonth) seen.push(p.period);
  for (const j of a.conformance.trend) for (const m of j.months) seen.push(m.month);
  const months = seen.map((s) => s.slice(0, 7)).sort();
  const first = months[0];
  const last = months[months.length - 1];
  return first === undefined || last === undefined ? [] : monthRange(first, last);
}

/** Values per month onto the axis, zero where a month has none. */
export function onAxis(
  axis: readonly string[],
  points: readonly { month: string; value: number }[],
): number[] {
  const byMonth = new Map<string, number>();
  for (const p of points) {
    const m = p.month.slice(0, 7);
    byMonth.set(m, (byMonth.get(m) ?? 0) + p.value);
  }
  return axis.map((m) => byMonth.get(m) ?? 0);
}

export type TMonthConformance = {
  month: string;
  journeys: number;
  meanFitness: number | null;
  perfectShare: number | null;
};

/** All ideal journeys together, per month: fitness and perfect share weighted by journeys. */
export function overallConformance(a: TAnalysis, axis: readonly string[]): TMonthConformance[] {
  const sums = new Map<string, { journeys: number; fitness: number; perfect: number }>();
  for (const j of a.conformance.trend) {
    for (const m of j.months) {
      const s = sums.get(m.month) ?? { journeys: 0, fitness: 0, perfect: 0 };
      s.journeys += m.journeys;
      s.fitness += m.meanFitness * m.journeys;
      s.perfect += m.perfectShare * m.journeys;
      sums.set(m.month, s);
    }
  }
  if (sums.size === 0) return [];
  return axis.map((month) => {
    const s = sums.get(month);
    return s === undefined || s.journeys === 0
      ? { month, journeys: 0, meanFitness: null, perfectShare: null }
      : {
          month,
          journeys: s.journeys,
          meanFitness: s.fitness / s.journeys,
          perfectShare: s.perfect / s.journeys,
        };
  });
}

/** All aligned journeys together: how many, their mean fitness and perfect share. */
export function overallFitness(a: TAnalysis): {
  journeys: number;
  meanFitness: number | null;
  perfectShare: number | null;
} {
  const segments = a.conformance.bySegment;
  const journeys = segments.reduce((s, x) => s + x.journeys, 0);
  if (journeys === 0) return { journeys, meanFitness: null, perfectShare: null };
  const weighted = (pick: (x: (typeof segments)[number]) => number | undefined): number =>
    segments.reduce((s, x) => s + (pick(x) ?? 0) * x.journeys, 0) / journeys;
  return {
    journeys,
    meanFitness: weighted((x) => x.meanFitness),
    perfectShare: weighted((x) => x.perfectShare),
  };
}
