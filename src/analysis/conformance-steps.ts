/**
 * How the measured journeys went through each step of their ideal journey: per step, the
 * journey instances whose best alignment matched it in place (a sync move), did it elsewhere
 * (the skipped half of an out-of-order pair) or did not do it at all. The journey map overlays
 * these shares on the designed steps. Pure: no I/O; built from conformVariants' per-variant
 * results, so it agrees with the deviations of conformance-aggregate.ts.
 */
import type { TIdealJourneyLike } from './alignment.js';
import type { TVariantConformance } from './conformance.js';

export type TStepConformance = {
  stepIndex: number;
  touchpoint: string;
  /** Journey instances with a sync move at this step (repeats of it count once). */
  followed: number;
  /** Journey instances that did the step, but elsewhere in the journey. */
  outOfOrder: number;
  /** Journey instances that did not do the step (for optional steps: did not take it). */
  missed: number;
  /** followed / journey instances aligned to the ideal journey; 0 when there are none. */
  share: number;
};

export type TJourneySteps = {
  segment: string | undefined;
  journeyId: string;
  /** Journey instances aligned to this ideal journey. */
  journeys: number;
  steps: TStepConformance[];
};

/**
 * Per ideal journey (in the order given, each listed even when no variant chose it), per step.
 * @example journeySteps(results, new Map([['vip', [{ id: 'j', steps: [{ touchpoint: 'a' }] }]]]))
 */
export function journeySteps(
  results: readonly TVariantConformance[],
  journeysBySegment: ReadonlyMap<string | undefined, readonly TIdealJourneyLike[]>,
): TJourneySteps[] {
  const tallies = new Map<string, { journeys: number; followed: number[]; outOfOrder: number[] }>();
  const keyOf = (segment: string | undefined, journeyId: string): string =>
    `${segment ?? ''}\u0000${journeyId}`;
  for (const [segment, journeys] of journeysBySegment) {
    for (const j of journeys) {
      const zeros = (): number[] => j.steps.map(() => 0);
      tallies.set(keyOf(segment, j.id), { journeys: 0, followed: zeros(), outOfOrder: zeros() });
    }
  }
  for (const result of results) {
    if (result.status !== 'aligned') continue;
    const tally = tallies.get(keyOf(result.segment, result.journeyId));
    if (tally === undefined) continue;
    const n = result.variant.journeys;
    tally.journeys += n;
    const synced = new Set<number>();
    for (const move of result.alignment.moves) {
      if (move.kind === 'sync') synced.add(move.stepIndex);
    }
    for (const i of synced) tally.followed[i] = (tally.followed[i] ?? 0) + n;
    const elsewhere = new Set<number>();
    for (const d of result.deviations) if (d.kind === 'outOfOrder') elsewhere.add(d.stepIndex);
    for (const i of elsewhere) tally.outOfOrder[i] = (tally.outOfOrder[i] ?? 0) + n;
  }
  return [...journeysBySegment].flatMap(([segment, journeys]) =>
    journeys.map((j) => {
      const tally = tallies.get(keyOf(segment, j.id));
      const total = tally?.journeys ?? 0;
      return {
        segment,
        journeyId: j.id,
        journeys: total,
        steps: j.steps.map((step, i) => {
          const followed = tally?.followed[i] ?? 0;
          const outOfOrder = tally?.outOfOrder[i] ?? 0;
          return {
            stepIndex: i,
            touchpoint: step.touchpoint,
            followed,
            outOfOrder,
            missed: total - followed - outOfOrder,
            share: total === 0 ? 0 : followed / total,
          };
        }),
      };
    }),
  );
}
