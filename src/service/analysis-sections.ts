/**
 * The analysis cut into the sections the API serves (docs/analysis.md says what each figure
 * means): each section's list — the part that grows with the data, served a page at a time —
 * and the rest of it, served whole. Friction and opportunities filter by team, type and
 * touchpoint. Pure: shapes results already computed.
 */
import type { TResults } from './analysis-results.js';

export const LIST_SECTIONS = [
  'discovery',
  'conformance',
  'friction',
  'stages',
  'moments',
  'opportunities',
  'feedback',
] as const;
export type TListSection = (typeof LIST_SECTIONS)[number];

export type TRowFilter = {
  team?: string | undefined;
  type?: string | undefined;
  touchpoint?: string | undefined;
};

/** A section: its list (filtered, not yet paged) and its other figures. */
export type TSection = { items: readonly unknown[]; rest: Record<string, unknown> };

const matches = (
  row: { type: string; touchpoint: string | null; teams: readonly string[] },
  f: TRowFilter,
): boolean =>
  (f.team === undefined || row.teams.includes(f.team)) &&
  (f.type === undefined || row.type === f.type) &&
  (f.touchpoint === undefined || row.touchpoint === f.touchpoint);

export function listSection(
  results: TResults,
  section: TListSection,
  filter: TRowFilter = {},
): TSection {
  const a = results.analysis;
  switch (section) {
    case 'discovery': {
      const { topVariants, ...rest } = results.discovery;
      return { items: topVariants, rest };
    }
    case 'conformance': {
      const { deviations, ...rest } = a.conformance;
      return { items: deviations, rest };
    }
    case 'friction':
      return {
        items: a.friction.filter((f) => matches({ ...f, teams: [f.team] }, filter)),
        rest: { breakdowns: a.frictionBreakdowns, pingPong: a.pingPong },
      };
    case 'stages':
      return { items: a.stages, rest: {} };
    case 'moments': {
      const { declared, ...rest } = a.momentsOfTruth;
      return { items: declared, rest };
    }
    case 'opportunities':
      return {
        items: a.opportunities.filter((o) => matches(o, filter)),
        rest: { costModel: a.costModel },
      };
    case 'feedback': {
      const { gaps, ...rest } = a.feedback;
      return { items: gaps, rest };
    }
  }
}

/** The headline figures of every section, with the display names of the ids they use. */
export function summarySection(results: TResults): Record<string, unknown> {
  const a = results.analysis;
  const { unmapped, ...journeys } = a.journeys;
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    workspace: a.workspace,
    journeys: { ...journeys, unmappedActivities: unmapped.length },
    discovery: {
      cases: results.discovery.cases,
      activities: results.discovery.activities,
      variants: results.discovery.variantsTotal,
    },
    conformance: { ...a.conformance.overall, deviations: a.conformance.deviations.length },
    friction: {
      entries: a.friction.length,
      occurrences: sum(a.friction.map((f) => f.occurrences)),
    },
    stages: a.stages.map((s) => ({
      stage: s.stage,
      customers: s.customers,
      conversion: s.conversion,
    })),
    moments: {
      declared: a.momentsOfTruth.declared.length,
      proposed: a.momentsOfTruth.proposed.length,
    },
    feedback: { responses: a.feedback.responses, gaps: a.feedback.gaps.length },
    opportunities: {
      count: a.opportunities.length,
      top: a.opportunities.slice(0, 5),
      currency: a.costModel.currency,
    },
    names: a.names,
  };
}
