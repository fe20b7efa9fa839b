/**
 * Alerts as the API answers them, as types only: the service, the routes and the web app all
 * read these, and the web app must not load the service (it holds Node code). The zod schemas
 * that validate input (alert-rule-schema.ts) are checked against these types.
 */
import type { TMetricUnit } from '../metrics/compare.js';
import type { TMetricRef } from '../metrics/metric-ref.js';

export type { TMetricRef, TMetricUnit };

/** A rolling window ending at the evaluation: 1 day, 7 days or 30 days. */
export type TAlertPeriod = 'day' | 'week' | 'month';
export const ALERT_PERIODS = ['day', 'week', 'month'] as const satisfies readonly TAlertPeriod[];

/** What a relative condition compares with: the periods just before, or a fixed period. */
export type TAlertBaseline =
  | { kind: 'previous'; periods: number }
  /** ISO dates or instants; `to` is excluded. */
  | { kind: 'fixed'; from: string; to: string };

type TConditionCommon = {
  /** In breach when the metric is above (worse when higher) or below (worse when lower). */
  direction: 'above' | 'below';
  /**
   * `value` (default): the value decides; `interval`: the whole 95% interval must be past
   * the limit to go into breach (fewer alerts from small samples).
   */
  confidence?: 'value' | 'interval';
  /**
   * A breach resolves only once the value is back past the limit by this fraction of it
   * (0.1: a 5% limit resolves below 4.5%). Default 0.
   */
  hysteresis?: number;
};

export type TAlertCondition =
  | (TConditionCommon & { kind: 'absolute'; threshold: number })
  | (TConditionCommon & {
      kind: 'relative';
      /** A fraction: 0.2 is 20% worse than the baseline. */
      change: number;
      baseline: TAlertBaseline;
    });

/** A measurement of a metric over a window, as the metric module gives it. */
export type TMeasure = { value: number | null; n: number; low: number | null; high: number | null };

export type TRuleState = 'ok' | 'breached';

export type TAlertNotify = {
  /** Listed in the app's alerts inbox and streamed (default true). */
  inApp: boolean;
  /** Webhook subscriptions (ids) that receive `alert.raised` and `alert.resolved`. */
  webhooks: string[];
};

export type TAlertRule = {
  id: string;
  name: string;
  description: string | null;
  metric: TMetricRef;
  /** The metric in words, e.g. "repeat-contact rate at Call". */
  metricLabel: string;
  condition: TAlertCondition;
  period: TAlertPeriod;
  /** Fewer observations than this decide nothing (default 1). */
  minN: number;
  notify: TAlertNotify;
  enabled: boolean;
  state: TRuleState;
  /** The alert open for the current breach, if any. */
  openAlertId: string | null;
  /** The teams that own what the metric measures (who sees the alert as theirs). */
  teams: string[];
  lastEvaluatedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

export type TAlertStatus = 'open' | 'resolved';

export type TAlert = {
  id: string;
  ruleId: string;
  ruleName: string;
  metric: TMetricRef;
  metricLabel: string;
  /** The unit of the values (null when the metric could not be measured at all). */
  unit: TMetricUnit | null;
  teams: string[];
  status: TAlertStatus;
  raisedAt: string;
  resolvedAt: string | null;
  /** Why it went into breach, and (once resolved) why it came back. */
  reason: string;
  resolvedReason: string | null;
  /** The measurement that raised it. */
  raised: TMeasure & { limit: number; baseline: number | null; from: string; to: string };
  /** The latest measurement while open (the one that resolved it, once resolved). */
  latest: TMeasure & { at: string };
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

export type TEvaluationOutcome = 'ok' | 'breach' | 'insufficient' | 'error';

export type TAlertEvaluation = {
  id: number;
  ruleId: string;
  evaluatedAt: string;
  /** What started it: ingest, the timer, a person (`manual`). */
  trigger: 'ingest' | 'timer' | 'manual' | 'start';
  from: string;
  to: string;
  current: TMeasure;
  baseline: TMeasure | null;
  limit: number | null;
  outcome: TEvaluationOutcome;
  transition: 'raise' | 'resolve' | null;
  alertId: string | null;
  reason: string;
};

/** The webhook event types of alerts. */
export type TAlertEventType = 'alert.raised' | 'alert.resolved';

/** A Slack Block Kit block, as far as alerts use them. */
export type TSlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | {
      type: 'section';
      text?: { type: 'mrkdwn'; text: string };
      fields?: { type: 'mrkdwn'; text: string }[];
    }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] };

/**
 * The body of an alert webhook: Slack's incoming webhooks read `text` (the notification and
 * fallback) and `blocks` and ignore the rest; other receivers read `type` and `data`.
 */
export type TAlertWebhookBody = {
  /** `<alert id>:raised` or `<alert id>:resolved`. */
  id: string;
  type: TAlertEventType;
  createdAt: string;
  text: string;
  blocks: TSlackBlock[];
  data: { alert: TAlert; rule: { id: string; name: string } };
};

/** What the alerts stream sends (SSE event `alert`). */
export type TAlertStreamEvent = { type: TAlertEventType | 'alert.acknowledged'; alert: TAlert };
