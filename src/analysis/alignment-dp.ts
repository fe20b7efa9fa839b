/**
 * The dynamic program behind alignment.ts, on integer codes in reusable typed arrays so that
 * aligning tens of thousands of variants allocates nothing per DP cell. Pure: no I/O.
 *
 * State (i, j, f): i events consumed, steps 0..j−1 done, f = 1 when the last move was a sync
 * of step j−1 and that step is repeatable (event i may repeat it). The table holds the cost
 * to go from each state to (n, m); it is filled from the end, then read from (0, 0, 0)
 * forwards, taking the first optimal move in the tie order of alignment.ts.
 *
 * readMoves reads the table the last fillTable left: call fillTable for the same scratch and
 * journey just before (optimalCost leaves no usable table).
 */
import type { TAlignment, TIdealJourneyLike, TMove } from './alignment.js';

/**
 * Touchpoint id → small integer, shared by the journeys and traces of one run. Every id no
 * journey has gets the code `unknown`, the last one, so per-code arrays are never indexed
 * out of range (which would also take V8 off its fast path).
 */
export interface TTouchpointCodes {
  readonly byId: ReadonlyMap<string, number>;
  readonly unknown: number;
}

export interface TCompiledJourney {
  readonly journey: TIdealJourneyLike;
  /** Per step: touchpoint code, cost of skipping it (0 or 1), 1 when repeatable. */
  readonly codes: Int32Array;
  readonly skipCost: Uint8Array;
  readonly repeatable: Uint8Array;
  /** Per j in 0..m: the code of step j − 1 if it is repeatable, else NO_REPEAT. */
  readonly repeatCodes: Int32Array;
  readonly requiredSteps: number;
  /** By code: 1 when the journey has a step with that touchpoint. */
  readonly member: Uint8Array;
  /** Touchpoint codes of the required steps. */
  readonly requiredCodes: Int32Array;
}

/** Reusable memory: the encoded trace, which codes it holds, and the cost table. */
export interface TScratch {
  trace: Int32Array;
  length: number;
  /** By code: 1 when the trace holds it. */
  present: Uint8Array;
  table: Int32Array;
  /** optimalCost's shortened trace, and per kept event the code it may repeat (or NO_REPEAT). */
  kept: Int32Array;
  keptRepeat: Int32Array;
}

/** Stands for "no event" past the end of the trace: it matches no step. */
const NO_EVENT = -1;
/** Matches no event. */
const NO_REPEAT = -2;

export function newScratch(): TScratch {
  return {
    trace: new Int32Array(64),
    length: 0,
    present: new Uint8Array(64),
    table: new Int32Array(4096),
    kept: new Int32Array(64),
    keptRepeat: new Int32Array(64),
  };
}

/** The journeys as typed arrays, with the codes of their touchpoints. */
export function compileJourneys(journeys: readonly TIdealJourneyLike[]): {
  codes: TTouchpointCodes;
  compiled: TCompiledJourney[];
} {
  const byId = new Map<string, number>();
  for (const { steps } of journeys) {
    for (const { touchpoint } of steps) if (!byId.has(touchpoint)) byId.set(touchpoint, byId.size);
  }
  const codes = { byId, unknown: byId.size };
  return { codes, compiled: journeys.map((journey) => compileJourney(journey, codes)) };
}

function compileJourney(journey: TIdealJourneyLike, codes: TTouchpointCodes): TCompiledJourney {
  const m = journey.steps.length;
  const compiled = {
    journey,
    codes: new Int32Array(m),
    skipCost: new Uint8Array(m),
    repeatable: new Uint8Array(m),
    repeatCodes: new Int32Array(m + 1).fill(NO_REPEAT),
    requiredSteps: 0,
    member: new Uint8Array(codes.unknown + 1),
  };
  const required: number[] = [];
  journey.steps.forEach((step, j) => {
    const code = codes.byId.get(step.touchpoint) ?? codes.unknown;
    const skipCost = step.optional === true ? 0 : 1;
    compiled.codes[j] = code;
    compiled.skipCost[j] = skipCost;
    compiled.repeatable[j] = step.repeatable === true ? 1 : 0;
    if (step.repeatable === true) compiled.repeatCodes[j + 1] = code;
    compiled.requiredSteps += skipCost;
    compiled.member[code] = 1;
    if (skipCost === 1) required.push(code);
  });
  return { ...compiled, requiredCodes: Int32Array.from(required) };
}

/** Writes the codes of `trace` into `scratch`, and which codes it holds. */
export function encodeTrace(
  trace: readonly string[],
  codes: TTouchpointCodes,
  scratch: TScratch,
): void {
  if (scratch.trace.length < trace.length) scratch.trace = new Int32Array(trace.length * 2);
  if (scratch.present.length <= codes.unknown) scratch.present = new Uint8Array(codes.unknown + 1);
  const { trace: encoded, present } = scratch;
  for (let i = 0; i < scratch.length; i++) present[encoded[i]!] = 0;
  for (let i = 0; i < trace.length; i++) {
    const code = codes.byId.get(trace[i]!) ?? codes.unknown;
    encoded[i] = code;
    present[code] = 1;
  }
  scratch.length = trace.length;
}

/**
 * A cheap lower bound on the cost, so that a journey that cannot beat the best so far is not
 * aligned: events whose touchpoint the journey lacks must be log moves, and required steps
 * whose touchpoint the trace lacks must be model moves.
 */
export function lowerBound(scratch: TScratch, journey: TCompiledJourney): number {
  const { member, requiredCodes } = journey;
  let bound = 0;
  for (let i = 0; i < scratch.length; i++) {
    if (member[scratch.trace[i]!] !== 1) bound++;
  }
  for (const code of requiredCodes) {
    if (scratch.present[code] !== 1) bound++;
  }
  return bound;
}

/** Fills the cost-to-go table for the encoded trace in `scratch`; returns the optimal cost. */
export function fillTable(scratch: TScratch, journey: TCompiledJourney): number {
  return fill(scratch, scratch.trace, scratch.trace, scratch.length, journey);
}

/**
 * The optimal cost only, faster than fillTable when the trace has events the journey lacks:
 * those are log moves in every alignment, and their only other effect is to end a run of
 * repeats. So they are counted and dropped, and the event after one may not repeat. The
 * table is then of no use to readMoves: fill it with fillTable for the journey you keep.
 */
export function optimalCost(scratch: TScratch, journey: TCompiledJourney): number {
  if (scratch.kept.length < scratch.length) {
    scratch.kept = new Int32Array(scratch.length * 2);
    scratch.keptRepeat = new Int32Array(scratch.length * 2);
  }
  const { trace, kept, keptRepeat } = scratch;
  let n = 0;
  let afterDropped = false;
  for (let i = 0; i < scratch.length; i++) {
    const event = trace[i]!;
    if (journey.member[event] !== 1) {
      afterDropped = true;
      continue;
    }
    kept[n] = event;
    keptRepeat[n] = afterDropped ? NO_REPEAT : event;
    afterDropped = false;
    n++;
  }
  return scratch.length - n + fill(scratch, kept, keptRepeat, n, journey);
}

/**
 * The dynamic program over `events` (n of them); an event i may repeat the step before only
 * if `repeatEvents[i]` is its code. Cell (i, j) holds two entries, f = 0 then f = 1, at `at`
 * and `at + 1`.
 */
function fill(
  scratch: TScratch,
  events: Int32Array,
  repeatEvents: Int32Array,
  n: number,
  journey: TCompiledJourney,
): number {
  const { codes, skipCost, repeatable, repeatCodes } = journey;
  const m = codes.length;
  const row = 2 * (m + 1); // (i, j) → (i + 1, j)
  if (scratch.table.length < (n + 1) * row) scratch.table = new Int32Array((n + 1) * row * 2);
  const t = scratch.table;
  // Indexes are in range by construction; `!` only quiets noUncheckedIndexedAccess.
  // Last row (all events consumed): only model moves remain.
  let at = n * row + 2 * m;
  t[at] = t[at + 1] = 0;
  for (let j = m - 1; j >= 0; j--) {
    at -= 2;
    t[at] = t[at + 1] = skipCost[j]! + t[at + 2]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const event = events[i]!;
    const repeatEvent = repeatEvents[i]!;
    // j = m: log the event, or repeat step m − 1.
    at = i * row + 2 * m;
    let best = 1 + t[at + row]!;
    t[at] = best;
    t[at + 1] = repeatEvent === repeatCodes[m] ? Math.min(best, t[at + row + 1]!) : best;
    for (let j = m - 1; j >= 0; j--) {
      at -= 2;
      // f = 0: log the event (f = 0 after: a log move ends a run of repeats), skip step j,
      // or sync it (f = 1 after if it is repeatable).
      best = 1 + t[at + row]!;
      const skip = skipCost[j]! + t[at + 2]!;
      if (skip < best) best = skip;
      if (event === codes[j]) {
        const sync = t[at + row + 2 + repeatable[j]!]!;
        if (sync < best) best = sync;
      }
      t[at] = best;
      // f = 1 adds one move: repeat step j − 1.
      const repeat = repeatEvent === repeatCodes[j] ? t[at + row + 1]! : best;
      t[at + 1] = repeat < best ? repeat : best;
    }
  }
  return t[0]!;
}

/** The optimal moves, read forwards from the table fillTable just filled. */
function readMoves(
  scratch: TScratch,
  trace: readonly string[],
  journey: TCompiledJourney,
): TMove[] {
  const { codes, skipCost, repeatable } = journey;
  const steps = journey.journey.steps;
  const n = scratch.length;
  const m = codes.length;
  const row = 2 * (m + 1);
  const t = scratch.table;
  const moves: TMove[] = [];
  let i = 0;
  let j = 0;
  let f = 0;
  while (i < n || j < m) {
    const at = (i * (m + 1) + j) * 2;
    const here = t[at + f]!;
    const event = i < n ? scratch.trace[i]! : NO_EVENT; // past the end: no sync, no log
    if (j < m && event === codes[j] && t[at + row + 2 + repeatable[j]!] === here) {
      moves.push({ kind: 'sync', touchpoint: trace[i]!, traceIndex: i, stepIndex: j });
      f = repeatable[j]!;
      i++;
      j++;
    } else if (f === 1 && event === codes[j - 1] && t[at + row + 1] === here) {
      moves.push({ kind: 'sync', touchpoint: trace[i]!, traceIndex: i, stepIndex: j - 1 });
      i++;
    } else if (j < m && skipCost[j]! + t[at + 2]! === here) {
      moves.push({ kind: 'model', touchpoint: steps[j]!.touchpoint, stepIndex: j });
      f = 0;
      j++;
    } else {
      moves.push({ kind: 'log', touchpoint: trace[i]!, traceIndex: i });
      f = 0;
      i++;
    }
  }
  return moves;
}

/** Fills the table and reads the optimal alignment of the trace encoded in `scratch`. */
export function alignEncoded(
  scratch: TScratch,
  trace: readonly string[],
  journey: TCompiledJourney,
): TAlignment {
  const cost = fillTable(scratch, journey);
  const worstCost = trace.length + journey.requiredSteps;
  const moves = readMoves(scratch, trace, journey);
  return { moves, cost, worstCost, fitness: fitnessOf(cost, worstCost) };
}

/** 1 − cost / worstCost, and 1 when there is nothing to align. */
export function fitnessOf(cost: number, worstCost: number): number {
  return worstCost === 0 ? 1 : 1 - cost / worstCost;
}
