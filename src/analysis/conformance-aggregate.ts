/**
 * Sums per-variant conformance into the rows a report shows: per ideal journey, per segment,
 * per segment without an ideal journey, and per deviation (journey, kind, touchpoint).
 * Pure: no I/O.
 *
 * Journey instances are exact. Customers are exact (distinct ids) only when every variant
 * behind a row carries `customerIds`; otherwise they are the sum of the variants' distinct
 * customers, an upper bound, and the row says so with `customersExact: false`.
 */
import type { TDeviationKind } from '../model/gap-kinds.js';
import type { TDeviation } from './alignment-deviations.js';
import type { TJourneysBySegment, TVariantConformance, TVariantInput } from './conformance.js';

export interface TCounts {
  readonly variants: number;
  /** Journey instances. */
  readonly journeys: number;
  /** Distinct customers if `customersExact`, else a sum over variants (an upper bound). */
  readonly customers: number;
  readonly customersExact: boolean;
}

export interface TFitnessSummary extends TCounts {
  /** Mean fitness weighted by journey instances; undefined without instances. */
  readonly meanFitness: number | undefined;
  /** Share of journey instances that fit perfectly (cost 0); undefined without instances. */
  readonly perfectShare: number | undefined;
}

export interface TJourneyConformance extends TFitnessSummary {
  readonly segment: string | undefined;
  readonly journeyId: string;
}

export interface TSegmentConformance extends TFitnessSummary {
  readonly segment: string | undefined;
}

/** Variants of a segment that has no ideal journey to align to. */
export interface TNoIdealJourney extends TCounts {
  readonly segment: string | undefined;
}

export interface TDeviationSummary extends TCounts {
  readonly segment: string | undefined;
  readonly journeyId: string;
  readonly kind: TDeviationKind;
  readonly touchpoint: string;
  /** Times it happened: per variant, its occurrences × its journey instances. */
  readonly occurrences: number;
  /** Affected journey instances / journey instances aligned to this journey. */
  readonly share: number;
}

export interface TConformanceSummary {
  /** Every ideal journey, in the order of the map, even when no variant chose it. */
  readonly byJourney: readonly TJourneyConformance[];
  /** Segments with at least one ideal journey, in the order of the map. */
  readonly bySegment: readonly TSegmentConformance[];
  /** In order of first appearance among the variants. */
  readonly noIdealJourney: readonly TNoIdealJourney[];
  /** By journey (as byJourney), then affected instances descending, kind, touchpoint. */
  readonly deviations: readonly TDeviationSummary[];
}

const KIND_ORDER: readonly TDeviationKind[] = ['skipped', 'outOfOrder', 'repeated', 'extra'];

/** The sums of conformVariants' per-variant results (see the header for customers). */
export function aggregateConformance(
  results: readonly TVariantConformance[],
  journeysBySegment: TJourneysBySegment,
): TConformanceSummary {
  const segments = new Map<string | undefined, Tally>();
  const journeys = new Map<string | undefined, Map<string, JourneyTally>>();
  for (const [segment, list] of journeysBySegment) {
    if (list.length === 0) continue;
    segments.set(segment, new Tally());
    journeys.set(segment, new Map(list.map(({ id }) => [id, new JourneyTally()])));
  }
  const unaligned = new Map<string | undefined, Tally>();
  for (const result of results) {
    const { variant, segment } = result;
    if (result.status === 'noIdealJourney') {
      getOrAdd(unaligned, segment, () => new Tally()).add(variant);
      continue;
    }
    const fitness = { fitness: result.alignment.fitness, perfect: result.alignment.cost === 0 };
    segments.get(segment)?.add(variant, fitness);
    journeys.get(segment)?.get(result.journeyId)?.addVariant(variant, fitness, result.deviations);
  }
  return {
    byJourney: [...journeys].flatMap(([segment, bySegment]) =>
      [...bySegment].map(([journeyId, tally]) => ({ segment, journeyId, ...tally.summary() })),
    ),
    bySegment: [...segments].map(([segment, tally]) => ({ segment, ...tally.summary() })),
    noIdealJourney: [...unaligned].map(([segment, tally]) => ({ segment, ...tally.counts() })),
    deviations: [...journeys].flatMap(([segment, bySegment]) =>
      [...bySegment].flatMap(([journeyId, tally]) => tally.deviationRows(segment, journeyId)),
    ),
  };
}

/** Counts, customers and (for aligned variants) fitness of a set of variants. */
class Tally {
  private variants = 0;
  private journeys = 0;
  private customerSum = 0;
  /** Undefined once a variant without customer ids is added. */
  private customerIds: Set<string> | undefined = new Set();
  private fitnessSum = 0;
  private perfectJourneys = 0;

  add(variant: TVariantInput, fitness?: { fitness: number; perfect: boolean }): void {
    this.variants += 1;
    this.journeys += variant.journeys;
    this.customerSum += variant.customers;
    if (variant.customerIds === undefined) this.customerIds = undefined;
    else for (const id of variant.customerIds) this.customerIds?.add(id);
    if (fitness === undefined) return;
    this.fitnessSum += fitness.fitness * variant.journeys;
    if (fitness.perfect) this.perfectJourneys += variant.journeys;
  }

  get journeyCount(): number {
    return this.journeys;
  }

  counts(): TCounts {
    const exact = this.customerIds !== undefined;
    return {
      variants: this.variants,
      journeys: this.journeys,
      customers: this.customerIds?.size ?? this.customerSum,
      customersExact: exact,
    };
  }

  summary(): TFitnessSummary {
    const any = this.journeys > 0;
    return {
      ...this.counts(),
      meanFitness: any ? this.fitnessSum / this.journeys : undefined,
      perfectShare: any ? this.perfectJourneys / this.journeys : undefined,
    };
  }
}

interface TDeviationTally {
  readonly kind: TDeviationKind;
  readonly touchpoint: string;
  readonly tally: Tally;
  occurrences: number;
  /** The variant last counted, so a variant counts once however often it deviates. */
  last: TVariantInput | undefined;
}

/** A journey's tally plus one tally per (kind, touchpoint) of its deviations. */
class JourneyTally extends Tally {
  private readonly deviations = new Map<TDeviationKind, Map<string, TDeviationTally>>();

  addVariant(
    variant: TVariantInput,
    fitness: { fitness: number; perfect: boolean },
    deviations: readonly TDeviation[],
  ): void {
    this.add(variant, fitness);
    for (const { kind, touchpoint } of deviations) {
      const byTouchpoint = getOrAdd(
        this.deviations,
        kind,
        () => new Map<string, TDeviationTally>(),
      );
      const row = getOrAdd(byTouchpoint, touchpoint, () => ({
        kind,
        touchpoint,
        tally: new Tally(),
        occurrences: 0,
        last: undefined,
      }));
      row.occurrences += variant.journeys;
      if (row.last !== variant) row.tally.add(variant);
      row.last = variant;
    }
  }

  deviationRows(segment: string | undefined, journeyId: string): TDeviationSummary[] {
    const all = [...this.deviations.values()].flatMap((byTouchpoint) => [...byTouchpoint.values()]);
    const rows = all.map(({ kind, touchpoint, tally, occurrences }) => ({
      segment,
      journeyId,
      kind,
      touchpoint,
      ...tally.counts(),
      occurrences,
      share: this.journeyCount > 0 ? tally.journeyCount / this.journeyCount : 0,
    }));
    return rows.sort(
      (a, b) =>
        b.journeys - a.journeys ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        compareText(a.touchpoint, b.touchpoint),
    );
  }
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
