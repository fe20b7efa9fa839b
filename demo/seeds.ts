/**
 * The frictions the generator puts in, as it puts them in: the record of one seeded occurrence,
 * typed by the report's own names (src/model/gap-kinds.ts). What each type means is docs/workspace.md "friction";
 * ground-truth.json lists what was seeded so an analyser can be checked against it. Nothing
 * here looks at generated events afterwards.
 */
import type { TFrictionType } from '../src/model/gap-kinds.js';
import type { TSimEvent } from './simulation.js';

/** One seeded occurrence: the step it happened at; `pair` names the channels or teams passed. */
export type TSeed = { type: TFrictionType; event: TSimEvent; pair: string };

/**
 * A journey the generator ended in a funnel stage. Its last step is an abandonment only once
 * the data reaches the window past `entry` (the journey's first step in that stage), so
 * whether it counts is known only when the whole generation is done.
 */
export type TDropOff = { event: TSimEvent; entry: number };
