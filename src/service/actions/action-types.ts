/**
 * Improvement actions as the API answers them (DESIGN.md §1 "action"): types and a few
 * constants only, so the web app can read them without loading the service (which holds Node
 * code). The zod schemas that validate input are in action-input.ts.
 */
import type { TComparison, TMeasurement } from '../metrics/compare.js';
import type { TMetricRef } from '../metrics/metric-ref.js';
import type { TDeviationKind, TFrictionType } from '../../model/gap-kinds.js';
import { ACTION_STATUSES, STATUS_MOVES, type TActionStatus } from '../../model/action-status.js';

export type { TComparison, TMeasurement, TMetricRef };

export { ACTION_STATUSES, STATUS_MOVES, type TActionStatus };

/** What the action came from, as the analysis names it. */
export type TActionSource =
  | { kind: 'friction'; type: TFrictionType; touchpoint: string }
  /** A feedback gap: its key (`friction|<type>|<touchpoint>`, `touchpoint|<id>`, ...) and survey kind. */
  | { kind: 'gap'; key: string; survey: string }
  | { kind: 'deviation'; journey: string; deviation: TDeviationKind; touchpoint: string }
  | {
      kind: 'opportunity';
      source: 'friction' | 'deviation';
      /** The friction type or deviation kind. */
      type: string;
      touchpoint: string | null;
      journey?: string | undefined;
    };

export type TActionSourceKind = TActionSource['kind'];

/** Before versus after the change on the action's metric. */
export type TActionResult = {
  before: TMeasurement;
  after: TMeasurement;
  comparison: TComparison;
  measuredAt: string;
  measuredBy: string;
};

export type TAction = {
  id: string;
  title: string;
  source: TActionSource;
  problem: string;
  plan: string;
  /** The team that owns the action (a workspace team id). */
  team: string;
  /** YYYY-MM-DD, or null. */
  dueDate: string | null;
  status: TActionStatus;
  metric: TMetricRef;
  /** The metric in words. */
  metricLabel: string;
  /** Days measured before and after the change date. */
  windowDays: number;
  /** The metric over the window before creation (or before the change date, if known then). */
  baseline: TMeasurement | null;
  /** Why there is no baseline (no data yet, …). */
  baselineNote: string | null;
  /** When the change went live (ISO instant), or null. */
  changeDate: string | null;
  /** changeDate + windowDays: from then the action can be re-measured. */
  measurableFrom: string | null;
  result: TActionResult | null;
  comments: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
};

export type TActionComment = { id: number; author: string; body: string; createdAt: string };

/** One audited change of an action: who, when, what. */
export type TActionHistoryEntry = {
  at: string;
  actor: string;
  /** `action.create`, `action.update`, `action.comment`, `action.remeasure`. */
  action: string;
  detail: Record<string, unknown> | null;
};

export type TActionDetail = TAction & {
  commentList: TActionComment[];
  history: TActionHistoryEntry[];
};

export type TActionList = {
  actions: TAction[];
  /** Actions per status, after the filters. */
  counts: Record<TActionStatus, number>;
  /** The team the list is limited to (a team member's own), or null for the whole experience. */
  team: string | null;
};
