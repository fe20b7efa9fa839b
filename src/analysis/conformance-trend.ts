/**
 * The monthly trend of conformance: per ideal journey and month, the journeys that started that
 * month, their mean fitness and the share that fit perfectly; per deviation and month, the
 * journeys affected. Built from per-variant alignments and each variant's journeys per start
 * month (a variant is aligned once, whatever the month). Pure: no I/O.
 */
import type { TDeviationKind } from '../model/gap-kinds.js';
import type { TVariantConformance } from './conformance.js';

export type TConformanceMonth = {
  /** `YYYY-MM`. */
  month: string;
  journeys: number;
  meanFitness: number;
  perfectShare: number;
};

export type TJourneyTrend = {
  segment: string | undefined;
  journeyId: string;
  months: TConformanceMonth[];
};

export type TDeviationMonth = { month: string; journeys: number };

/** Unique per (segment, ideal journey, kind, touchpoint), like a deviation summary row. */
export const deviationKey = (
  segment: string | undefined,
  journeyId: string,
  kind: TDeviationKind,
  touchpoint: string,
): string => [segment ?? '', journeyId, kind, touchpoint].join('\u0000');

type TMonthTally = { journeys: number; fitness: number; perfect: number };

export type TConformanceTrend = {
  byJourney: TJourneyTrend[];
  /** deviationKey → months in order. */
  deviations: Map<string, TDeviationMonth[]>;
};

/** Sums aligned variants whose `months` say how many of their journeys started when. */
export function conformanceTrend(
  results: readonly TVariantConformance[],
  monthsOf: (variant: TVariantConformance['variant']) => Readonly<Record<string, number>>,
): TConformanceTrend {
  const journeys = new Map<
    string,
    { segment: string | undefined; journeyId: string; months: Map<string, TMonthTally> }
  >();
  const deviations = new Map<string, Map<string, number>>();
  for (const result of results) {
    if (result.status !== 'aligned') continue;
    const key = `${result.segment ?? ''}\u0000${result.journeyId}`;
    let entry = journeys.get(key);
    if (entry === undefined) {
      entry = { segment: result.segment, journeyId: result.journeyId, months: new Map() };
      journeys.set(key, entry);
    }
    const months = Object.entries(monthsOf(result.variant));
    const { fitness, cost } = result.alignment;
    for (const [month, n] of months) {
      const tally = entry.months.get(month) ?? { journeys: 0, fitness: 0, perfect: 0 };
      tally.journeys += n;
      tally.fitness += fitness * n;
      if (cost === 0) tally.perfect += n;
      entry.months.set(month, tally);
    }
    const kinds = new Set(
      result.deviations.map((d) =>
        deviationKey(result.segment, result.journeyId, d.kind, d.touchpoint),
      ),
    );
    for (const deviation of kinds) {
      const byMonth = deviations.get(deviation) ?? new Map<string, number>();
      for (const [month, n] of months) byMonth.set(month, (byMonth.get(month) ?? 0) + n);
      deviations.set(deviation, byMonth);
    }
  }
  const inOrder = <T>(m: Map<string, T>): [string, T][] =>
    [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    byJourney: [...journeys.values()].map((j) => ({
      segment: j.segment,
      journeyId: j.journeyId,
      months: inOrder(j.months).map(([month, t]) => ({
        month,
        journeys: t.journeys,
        meanFitness: t.fitness / t.journeys,
        perfectShare: t.perfect / t.journeys,
      })),
    })),
    deviations: new Map(
      [...deviations].map(([key, m]) => [
        key,
        inOrder(m).map(([month, journeys]) => ({ month, journeys })),
      ]),
    ),
  };
}

/** All aligned journeys together: how many, their mean fitness and perfect share. */
export type TOverallFitness = {
  journeys: number;
  meanFitness: number | null;
  perfectShare: number | null;
};

/** Weighted by journeys over rows that each carry their own mean fitness and perfect share. */
export function overallFitness(
  rows: readonly {
    journeys: number;
    meanFitness: number | undefined | null;
    perfectShare: number | undefined | null;
  }[],
): TOverallFitness {
  const journeys = rows.reduce((s, x) => s + x.journeys, 0);
  if (journeys === 0) return { journeys, meanFitness: null, perfectShare: null };
  const weighted = (pick: (x: (typeof rows)[number]) => number | undefined | null): number =>
    rows.reduce((s, x) => s + (pick(x) ?? 0) * x.journeys, 0) / journeys;
  return {
    journeys,
    meanFitness: weighted((x) => x.meanFitness),
    perfectShare: weighted((x) => x.perfectShare),
  };
}

/** All ideal journeys together, per month of journey start. */
export function overallTrend(byJourney: readonly TJourneyTrend[]): TConformanceMonth[] {
  const months = new Map<string, TConformanceMonth[]>();
  for (const j of byJourney) {
    for (const m of j.months) months.set(m.month, [...(months.get(m.month) ?? []), m]);
  }
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, rows]) => {
      const o = overallFitness(rows);
      return {
        month,
        journeys: o.journeys,
        meanFitness: o.meanFitness ?? 0,
        perfectShare: o.perfectShare ?? 0,
      };
    });
}
