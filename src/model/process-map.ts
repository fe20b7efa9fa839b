/**
 * The process map as the API answers it (GET /api/process-map, src/service/process-map.ts):
 * plain JSON shapes, shared by the server and the web app.
 */
import type { TDfgEdge, TDurationStats, TVariant } from './discovery.js';

export type TProcessMapActivity = {
  activity: string;
  /** Events of this activity. */
  count: number;
  /** Journeys that start and end with it. */
  starts: number;
  ends: number;
  /** The touchpoint the activity maps to; null when it maps to none. */
  touchpoint: string | null;
};

export type TProcessMapJourney = {
  id: string;
  name: string;
  segment: string;
  steps: { touchpoint: string; optional: boolean; repeatable: boolean }[];
};

export type TProcessMap = {
  modelVersion: number;
  computedAt: string;
  /** The filter as applied: months, and the instants they stand for in the workspace's zone. */
  filter: {
    segment: string | null;
    channel: string | null;
    from: string | null;
    to: string | null;
    fromInstant: string | null;
    toInstant: string | null;
  };
  cases: number;
  events: number;
  /** Most events first. */
  activities: TProcessMapActivity[];
  /** The directly-follows graph, most frequent first. */
  edges: TDfgEdge[];
  variantsTotal: number;
  /** The most frequent variants (at most PROCESS_MAP_VARIANTS), with share and mean duration. */
  variants: TVariant[];
  caseDurationSeconds: TDurationStats | null;
  /** The ideal journey the map is compared with; null when the workspace has none. */
  idealJourney: TProcessMapJourney | null;
  /** What the filters can be set to. */
  choices: {
    segments: { id: string; name: string }[];
    channels: string[];
    months: string[];
    idealJourneys: { id: string; name: string; segment: string }[];
  };
  names: { touchpoints: Record<string, string> };
};
