/**
 * The shapes of the analysis answers, taken from the server's own types (type-only imports:
 * nothing of the server reaches the browser bundle). `docs/analysis.md` describes each field.
 */
import type { TAnalysis } from '../service/analyze.js';

export type { TAnalysis };

/** What every `GET /api/analysis/{section}` answer starts with. */
export type THead = {
  section: string;
  modelVersion: number;
  computedAt: string;
  period: TAnalysis['period'];
};

/** A list section a page at a time. */
export type TPage<T> = THead & { total: number; offset: number; limit: number; items: T[] };

export type TSummary = THead & {
  workspace: string;
  journeys: Omit<TAnalysis['journeys'], 'unmapped'> & { unmappedActivities: number };
  discovery: { cases: number; activities: number; variants: number };
  conformance: TAnalysis['conformance']['overall'] & { deviations: number };
  friction: { entries: number; occurrences: number };
  stages: { stage: string; customers: number; conversion: number | null }[];
  moments: { declared: number; proposed: number };
  feedback: { responses: number; gaps: number };
  opportunities: { count: number; top: TAnalysis['opportunities']; currency: string };
  names: TAnalysis['names'];
};
