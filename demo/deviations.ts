/**
 * How one journey instance deviates from the ideal journey it was generated from, by a simple
 * step-by-step reading (not an optimal alignment — the analyser's job — but close to it on the
 * seeded patterns): a touchpoint outside the journey is an extra step; a touchpoint seen before
 * is a repeat unless it directly repeats a repeatable step; one that comes before a later step
 * already seen is out of order; required steps never seen in a completed instance are skipped.
 */
import type { TDeviationKind } from '../src/model/gap-kinds.js';
import type { TIdealJourney } from './ideal-journeys.js';

export type TDeviation = { kind: TDeviationKind; touchpoint: string };

export const DEVIATION_DEFINITION =
  'read step by step against the ideal journey the instance was generated from: extra = touchpoint not in the journey; repeated = touchpoint seen before in the instance, except a direct repetition of a repeatable step; outOfOrder = first visit of a step that comes before a step already visited; skipped = required (non-optional) step never visited, counted only for completed instances (converted purchases, all support episodes) that the period end did not cut off.';

const INDEX = new WeakMap<TIdealJourney, ReadonlyMap<string, number>>();

function stepIndex(journey: TIdealJourney): ReadonlyMap<string, number> {
  let index = INDEX.get(journey);
  if (index === undefined) {
    index = new Map(journey.steps.map((s, i) => [s.touchpoint, i]));
    INDEX.set(journey, index);
  }
  return index;
}

/** Deviations of one instance (its touchpoint ids in output order). */
export function deviationsOf(
  journey: TIdealJourney,
  touchpoints: readonly string[],
  completed: boolean,
): TDeviation[] {
  const index = stepIndex(journey);
  const out: TDeviation[] = [];
  const seen = new Set<string>();
  let furthest = -1;
  let previous: string | undefined;
  for (const tp of touchpoints) {
    const at = index.get(tp);
    if (at === undefined) out.push({ kind: 'extra', touchpoint: tp });
    else if (seen.has(tp)) {
      const repeatable = journey.steps[at]?.repeatable === true;
      if (!(repeatable && previous === tp)) out.push({ kind: 'repeated', touchpoint: tp });
    } else {
      if (at < furthest) out.push({ kind: 'outOfOrder', touchpoint: tp });
      furthest = Math.max(furthest, at);
      seen.add(tp);
    }
    previous = tp;
  }
  if (completed) {
    for (const step of journey.steps) {
      if (step.optional !== true && !seen.has(step.touchpoint)) {
        out.push({ kind: 'skipped', touchpoint: step.touchpoint });
      }
    }
  }
  return out;
}
