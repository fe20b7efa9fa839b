/**
 * Optimal alignment of one variant (a sequence of touchpoint ids) to one ideal journey, the
 * conformance check of DESIGN.md §3. Pure: no I/O, no zod; callers pass plain data.
 *
 * The ideal journey is read as a small automaton: its steps in order, where step j with
 * touchpoint t matches one event t, or none if it is optional, or, if it is repeatable, a run
 * of consecutive events t (any number ≥ 1). An alignment walks the trace and the steps
 * together with three kinds of move:
 *   sync   the event matches the next step, or repeats the repeatable step just matched: 0
 *   log    the event is not in the model at that point ("extra step"):                     1
 *   model  the step is not matched by any event ("skipped step"): 1, optional steps 0
 * Repeats must be consecutive: any other move ends the run, so A X A on `A+` is sync A,
 * log X, log A (cost 2), as "may occur several times in a row" in the demo's design reads.
 * A non-repeatable step matches one event; its further consecutive occurrences are log moves.
 *
 * cost      = minimum total over all alignments (dynamic programming, O(n·m) cells);
 * worstCost = events + required steps (every event a log move, every required step skipped);
 * fitness   = 1 − cost / worstCost, and 1 when worstCost is 0.
 *
 * Ties between optimal alignments are broken the same way every time: walking from the
 * start, take the first move that keeps the total optimal in the order
 *   sync to the next step, sync repeat of the open step, model move, log move.
 * Model before log matches each event to the earliest step it can, so a doubled event reads
 * as a repeat after its match, not as an extra before it: B B C on A B C gives
 * model A, sync B, log B, sync C (not log B, model A, sync B, sync C), and A C B on A B C
 * gives sync A, model B, sync C, log B.
 */
import { alignEncoded, compileJourneys, encodeTrace, newScratch } from './alignment-dp.js';

/** One step of an ideal journey; `TJourneyStep` of the workspace model fits. */
export interface TJourneyStepLike {
  readonly touchpoint: string;
  /** Skipping it costs nothing. */
  readonly optional?: boolean;
  /** It may match several events in a row; each repeat is a sync move. */
  readonly repeatable?: boolean;
}

/** An ideal journey as the alignment needs it; `TIdealJourney` of the workspace model fits. */
export interface TIdealJourneyLike {
  readonly id: string;
  readonly steps: readonly TJourneyStepLike[];
}

/** One move of an alignment. `traceIndex` points into the trace, `stepIndex` into the steps. */
export type TMove =
  | {
      readonly kind: 'sync';
      readonly touchpoint: string;
      readonly traceIndex: number;
      readonly stepIndex: number;
    }
  | { readonly kind: 'log'; readonly touchpoint: string; readonly traceIndex: number }
  | { readonly kind: 'model'; readonly touchpoint: string; readonly stepIndex: number };

export interface TAlignment {
  /** In order: sync and log moves follow the trace, sync and model moves follow the steps. */
  readonly moves: readonly TMove[];
  readonly cost: number;
  readonly worstCost: number;
  /** 1 − cost / worstCost; 1 when worstCost is 0. */
  readonly fitness: number;
}

/**
 * An optimal alignment of `trace` to `journey` (see the file header for costs and ties).
 * @example alignVariant(['a', 'c'], { id: 'j', steps: [{ touchpoint: 'a' }, { touchpoint: 'b' }, { touchpoint: 'c' }] })
 *   // moves: sync a, model b, sync c; cost 1, worstCost 5, fitness 0.8
 */
export function alignVariant(trace: readonly string[], journey: TIdealJourneyLike): TAlignment {
  const { codes, compiled } = compileJourneys([journey]);
  const scratch = newScratch();
  encodeTrace(trace, codes, scratch);
  return alignEncoded(scratch, trace, compiled[0]!);
}
