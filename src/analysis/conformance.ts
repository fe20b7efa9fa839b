/**
 * Conformance of the measured journey to the designed one (DESIGN.md §3): every variant is
 * aligned to each ideal journey of its segment, the best alignment is kept, and the results
 * are summed per ideal journey, per segment and per deviation (conformance-aggregate.ts).
 * Pure: no I/O; the variants come from the engine, the journeys from the workspace.
 *
 * The best journey has the lowest cost; among equal costs the highest fitness (at equal cost,
 * the journey with more required steps, whose worstCost is larger); then the one listed first.
 * A variant whose segment has no ideal journey is kept as `noIdealJourney`, never dropped.
 */
import type { TAlignment, TIdealJourneyLike } from './alignment.js';
import {
  alignEncoded,
  compileJourneys,
  encodeTrace,
  fitnessOf,
  lowerBound,
  newScratch,
  optimalCost,
  type TCompiledJourney,
  type TScratch,
  type TTouchpointCodes,
} from './alignment-dp.js';
import { classifyDeviations, type TDeviation } from './alignment-deviations.js';
import { aggregateConformance, type TConformanceSummary } from './conformance-aggregate.js';

/** One variant of one segment, as the engine counts it. */
export interface TVariantInput {
  readonly touchpoints: readonly string[];
  /** Journey instances that follow this variant. */
  readonly journeys: number;
  /** Distinct customers among those instances. */
  readonly customers: number;
  /** No segment is `undefined`; `null` (as the engine returns it) is read the same way. */
  readonly segment: string | null | undefined;
  /**
   * The distinct customers, when known. When every variant behind a count carries them,
   * customers are counted exactly across variants; otherwise `customers` are summed, which
   * over-counts a customer who followed several variants (see TCounts.customersExact).
   */
  readonly customerIds?: readonly string[];
}

export type TVariantConformance =
  | {
      readonly status: 'aligned';
      readonly variant: TVariantInput;
      /** The variant's segment, `undefined` for none (also when the input said `null`). */
      readonly segment: string | undefined;
      /** The best ideal journey of the segment. */
      readonly journeyId: string;
      readonly alignment: TAlignment;
      readonly deviations: readonly TDeviation[];
    }
  | {
      readonly status: 'noIdealJourney';
      readonly variant: TVariantInput;
      readonly segment: string | undefined;
    };

export interface TConformanceReport extends TConformanceSummary {
  /** One per input variant, in input order. */
  readonly variants: readonly TVariantConformance[];
}

/** Ideal journeys by segment id; `undefined` is the key of customers in no segment. */
export type TJourneysBySegment = ReadonlyMap<string | undefined, readonly TIdealJourneyLike[]>;

/** Aligns every variant to its segment's ideal journeys and sums up the result. */
export function conformVariants(
  variants: readonly TVariantInput[],
  journeysBySegment: TJourneysBySegment,
): TConformanceReport {
  const results = alignVariants(variants, journeysBySegment);
  return { variants: results, ...aggregateConformance(results, journeysBySegment) };
}

/** The best alignment of each variant, in input order, without the sums. */
export function alignVariants(
  variants: readonly TVariantInput[],
  journeysBySegment: TJourneysBySegment,
): TVariantConformance[] {
  const segments = [...journeysBySegment];
  const { codes, compiled } = compileJourneys(segments.flatMap(([, journeys]) => journeys));
  const bySegment = new Map<string | undefined, TCompiledJourney[]>();
  for (const [segment, journeys] of segments) {
    bySegment.set(segment, compiled.splice(0, journeys.length));
  }
  const scratch = newScratch();
  return variants.map((variant) => conformVariant(variant, bySegment, codes, scratch));
}

function conformVariant(
  variant: TVariantInput,
  bySegment: ReadonlyMap<string | undefined, readonly TCompiledJourney[]>,
  codes: TTouchpointCodes,
  scratch: TScratch,
): TVariantConformance {
  const segment = variant.segment ?? undefined;
  const candidates = bySegment.get(segment) ?? [];
  const [first, second] = candidates;
  if (first === undefined) return { status: 'noIdealJourney', variant, segment };
  const trace = variant.touchpoints;
  encodeTrace(trace, codes, scratch);
  // Among several journeys the winner is chosen on cost alone, then aligned in full.
  const compiled = second === undefined ? first : bestJourney(trace.length, candidates, scratch);
  const alignment = alignEncoded(scratch, trace, compiled);
  const journey = compiled.journey;
  const deviations = classifyDeviations(alignment, trace, journey);
  return { status: 'aligned', variant, segment, journeyId: journey.id, alignment, deviations };
}

interface TCandidate {
  readonly journey: TCompiledJourney;
  /** Position in the segment's list: the last tie-break. */
  readonly listed: number;
  readonly bound: number;
}

/**
 * The best of `candidates` (at least one) for the trace encoded in `scratch`, compared on
 * cost alone (optimalCost). Journeys are tried by increasing lower bound, and one whose bound
 * exceeds the best cost so far is not aligned at all: it could not win, so the choice is the
 * same as aligning every journey.
 */
function bestJourney(
  events: number,
  candidates: readonly TCompiledJourney[],
  scratch: TScratch,
): TCompiledJourney {
  const order: TCandidate[] = candidates.map((journey, listed) => ({
    journey,
    listed,
    bound: lowerBound(scratch, journey),
  }));
  order.sort((a, b) => a.bound - b.bound || a.listed - b.listed);
  let best: (TCandidate & { cost: number; fitness: number }) | undefined;
  for (const candidate of order) {
    if (best !== undefined && candidate.bound > best.cost) break;
    const cost = optimalCost(scratch, candidate.journey);
    const fitness = fitnessOf(cost, events + candidate.journey.requiredSteps);
    if (best === undefined || isBetter({ cost, fitness, listed: candidate.listed }, best)) {
      best = { ...candidate, cost, fitness };
    }
  }
  if (best === undefined) throw new Error('bestJourney needs at least one candidate');
  return best.journey;
}

/** Lower cost; then higher fitness; then listed first. */
function isBetter(
  a: { cost: number; fitness: number; listed: number },
  b: { cost: number; fitness: number; listed: number },
): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.fitness !== b.fitness) return a.fitness > b.fitness;
  return a.listed < b.listed;
}
