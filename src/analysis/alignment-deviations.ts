/**
 * Names the deviations of one optimal alignment in the words of DESIGN.md §3. Pure: no I/O.
 *
 * Every log move, and every model move of a required step, is reported exactly once: on its
 * own, or together with its partner as one out-of-order deviation. Sync moves are never
 * reported; a model move of an optional step (free) only as the skipped half of a pair.
 * The reading is of the alignment given; alignment.ts fixes the tie order between optimal
 * alignments, so the same variant always reads the same way.
 *
 * 1. A log move at trace index k with touchpoint t is `repeated` when t equals the touchpoint
 *    of event k−1, or when t was matched earlier in this alignment by a sync move of any step
 *    (a return to a touchpoint already done: "the tea game"). Consecutive repeats that a
 *    repeatable step absorbs are sync moves and never get here.
 * 2. The remaining log moves of t are paired, in alignment order, with the model moves of
 *    steps whose touchpoint is t: first those of required steps, then of optional steps, each
 *    in alignment order. A pair is one `outOfOrder` deviation: the customer did the step, but
 *    at another place. It names the skipped step and the trace index where it was done.
 * 3. A log move left unpaired is `extra` (whether t is in the journey or not).
 * 4. A model move of a required step left unpaired is `skipped`.
 *
 * Deviations come in alignment order; an out-of-order pair sits at the earlier of its moves.
 * A repeat is never paired with a skip: had A A B on A B A been aligned as sync A, log A,
 * sync B, model A, it would read repeated A + skipped A.
 */
import type { TAlignment, TIdealJourneyLike, TMove } from './alignment.js';

export type TDeviation =
  | { readonly kind: 'skipped'; readonly touchpoint: string; readonly stepIndex: number }
  | { readonly kind: 'extra'; readonly touchpoint: string; readonly traceIndex: number }
  | { readonly kind: 'repeated'; readonly touchpoint: string; readonly traceIndex: number }
  | {
      readonly kind: 'outOfOrder';
      readonly touchpoint: string;
      readonly stepIndex: number;
      readonly traceIndex: number;
    };

type TLogMove = Extract<TMove, { kind: 'log' }>;
type TModelMove = Extract<TMove, { kind: 'model' }>;

/** The deviations of `alignment`, an alignment of `trace` to `journey` (see the header). */
export function classifyDeviations(
  alignment: TAlignment,
  trace: readonly string[],
  journey: TIdealJourneyLike,
): TDeviation[] {
  const { moves } = alignment;
  if (moves.every((move) => move.kind === 'sync')) return [];
  // Per move index, so no move object has to serve as a Map key.
  const repeats = findRepeats(moves, trace);
  const pairs = pairOutOfOrder(moves, repeats, journey);
  const deviations: TDeviation[] = [];
  moves.forEach((move, k) => {
    const pair = pairs[k];
    if (pair !== undefined) {
      // Report the pair once, at whichever of its two moves comes first.
      if (pair.seen) return;
      pair.seen = true;
      const { log, model } = pair;
      deviations.push({
        kind: 'outOfOrder',
        touchpoint: log.touchpoint,
        stepIndex: model.stepIndex,
        traceIndex: log.traceIndex,
      });
    } else if (move.kind === 'log') {
      const kind = repeats[k] === 1 ? 'repeated' : 'extra';
      deviations.push({ kind, touchpoint: move.touchpoint, traceIndex: move.traceIndex });
    } else if (move.kind === 'model' && journey.steps[move.stepIndex]?.optional !== true) {
      deviations.push({ kind: 'skipped', touchpoint: move.touchpoint, stepIndex: move.stepIndex });
    }
  });
  return deviations;
}

/** By move index: 1 for a log move that repeats the previous event or a matched touchpoint. */
function findRepeats(moves: readonly TMove[], trace: readonly string[]): Uint8Array {
  const matched = new Set<string>();
  const repeats = new Uint8Array(moves.length);
  moves.forEach((move, k) => {
    if (move.kind === 'sync') matched.add(move.touchpoint);
    if (move.kind !== 'log') return;
    const previous = move.traceIndex > 0 ? trace[move.traceIndex - 1] : undefined;
    if (previous === move.touchpoint || matched.has(move.touchpoint)) repeats[k] = 1;
  });
  return repeats;
}

interface TPair {
  readonly log: TLogMove;
  readonly model: TModelMove;
  seen: boolean;
}

/** By move index: the out-of-order pair (rule 2) the move belongs to, if any. */
function pairOutOfOrder(
  moves: readonly TMove[],
  repeats: Uint8Array,
  journey: TIdealJourneyLike,
): (TPair | undefined)[] {
  const skips = new Map<string, { move: TModelMove; k: number }[]>();
  moves.forEach((move, k) => {
    if (move.kind === 'model') pushTo(skips, move.touchpoint, { move, k });
  });
  if (skips.size === 0) return [];
  const isOptional = ({ move }: { move: TModelMove }) =>
    journey.steps[move.stepIndex]?.optional === true;
  for (const [touchpoint, list] of skips) {
    skips.set(touchpoint, [...list.filter((m) => !isOptional(m)), ...list.filter(isOptional)]);
  }
  const pairs: (TPair | undefined)[] = [];
  const used = new Map<string, number>();
  moves.forEach((log, k) => {
    if (log.kind !== 'log' || repeats[k] === 1) return;
    const n = used.get(log.touchpoint) ?? 0;
    const skip = skips.get(log.touchpoint)?.[n];
    if (skip === undefined) return;
    used.set(log.touchpoint, n + 1);
    pairs[k] = pairs[skip.k] = { log, model: skip.move, seen: false };
  });
  return pairs;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
