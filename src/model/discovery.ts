/**
 * What discovery finds in a set of journeys (process mining's "event log"): the
 * directly-follows graph, start and end activities, variants and case durations.
 */
export type TDfgEdge = {
  from: string;
  to: string;
  count: number;
  /** Time between the two activities, in seconds. */
  meanSeconds: number;
  medianSeconds: number;
};

export type TVariant = {
  count: number;
  share: number;
  /** Mean duration of the variant's journeys, first to last event (seconds). */
  meanSeconds: number;
  activities: string[];
};

export type TDurationStats = { mean: number; median: number; min: number; max: number };

export type TDiscovery = {
  cases: number;
  events: number;
  activities: number;
  /** Activity → number of events, most frequent first. */
  activityCounts: [string, number][];
  /** Most frequent first; ties by name. */
  dfg: TDfgEdge[];
  startActivities: [string, number][];
  endActivities: [string, number][];
  variantsTotal: number;
  /** Most frequent first; ties in order of first appearance in the input. */
  topVariants: TVariant[];
  /** undefined when there are no cases. */
  caseDurationSeconds: TDurationStats | undefined;
};

/** Filters: events on these channels, in [from, to), of customers in this segment. */
export type TDiscoveryFilter = {
  segment?: string | undefined;
  channels?: readonly string[] | undefined;
  /** ISO 8601 instants. */
  from?: string | undefined;
  to?: string | undefined;
};

/**
 * The JSON shape of PM4Py's reference results (shared/data/oracle), so that a discovery can
 * be compared with them key for key.
 */
export type TDiscoveryJson = {
  cases: number;
  events: number;
  activities: number;
  activity_counts: Record<string, number>;
  dfg: [string, string, number][];
  start_activities: Record<string, number>;
  end_activities: Record<string, number>;
  variants_total: number;
  top_variants: { count: number; activities: string[] }[];
  case_duration_seconds: {
    mean: number | null;
    median: number | null;
    min: number | null;
    max: number | null;
  };
};

export function toDiscoveryJson(d: TDiscovery): TDiscoveryJson {
  const durations = d.caseDurationSeconds;
  return {
    cases: d.cases,
    events: d.events,
    activities: d.activities,
    activity_counts: Object.fromEntries(d.activityCounts),
    dfg: d.dfg.map((e) => [e.from, e.to, e.count]),
    start_activities: Object.fromEntries(d.startActivities),
    end_activities: Object.fromEntries(d.endActivities),
    variants_total: d.variantsTotal,
    top_variants: d.topVariants.map((v) => ({ count: v.count, activities: v.activities })),
    case_duration_seconds: {
      mean: durations?.mean ?? null,
      median: durations?.median ?? null,
      min: durations?.min ?? null,
      max: durations?.max ?? null,
    },
  };
}
