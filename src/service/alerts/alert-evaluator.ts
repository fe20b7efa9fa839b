/**
 * One evaluation pass over alert rules: measure each rule's metric over its window (and its
 * baseline) with the product's one definition of a metric (src/service/metrics/measure.ts),
 * decide (alert-decision.ts), and record the outcome. A raise or a resolve is written in one
 * transaction with the rule's new state, the alert and its webhook deliveries, and the state
 * is re-read inside it: a breach can neither be told twice (the rule is already `breached`,
 * also after a restart) nor lost (the deliveries are queued with the state change).
 *
 * Never sends anything itself: the webhook delivery worker sends the queue.
 */
import { randomUUID } from 'node:crypto';
import { sql } from '../../query/sql.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { enqueueToSubscriptions } from '../triggers/delivery-queue.js';
import type { TMeasurement, TMetricUnit } from '../metrics/compare.js';
import { checkMetric } from '../metrics/metric-check.js';
import { describeMetric, metricTeams } from '../metrics/metric-ref.js';
import { decide, evaluationWindows, type TDecision, type TWindow } from './alert-decision.js';
import { formatValue } from './alert-format.js';
import { metricUnit } from '../../model/metric-unit.js';
import { alertWebhookBody } from './alert-payload.js';
import {
  getAlert,
  getRule,
  insertAlert,
  insertEvaluation,
  resolveAlertRow,
  updateLatest,
  type TStoredRule,
} from './alert-store.js';
import type {
  TAlert,
  TAlertEvaluation,
  TAlertEventType,
  TAlertRule,
  TMeasure,
  TMetricRef,
} from './alert-types.js';

/** Measures several metrics over one period (measureMetrics, or a stand-in in tests). */
export type TMeasureMany = (
  store: TStore,
  workspace: TWorkspace,
  refs: readonly TMetricRef[],
  period: { from: string; to: string },
) => Promise<TMeasurement[]>;

export type TTrigger = TAlertEvaluation['trigger'];

/** What one rule's evaluation did. */
export type TRuleOutcome = {
  ruleId: string;
  evaluation: Omit<TAlertEvaluation, 'id'>;
  /** The alert raised, resolved, or updated (still open); null when none. */
  alert: TAlert | null;
  event: TAlertEventType | null;
  /** Webhook deliveries queued. */
  queued: number;
};

export type TEvaluationContext = {
  /** Writes (the server's exclusive session). */
  store: TStore;
  /** Where measurements run (they fork a session of their own from it). */
  reader: TStore;
  workspace: TWorkspace;
  measure: TMeasureMany;
  nowMs: number;
  trigger: TTrigger;
  appUrl?: string | undefined;
};

/** The rule as the API answers it: the stored rule with its metric named from the workspace. */
export function ruleView(rule: TStoredRule, workspace: TWorkspace | undefined): TAlertRule {
  if (workspace === undefined) {
    return { ...rule, metricLabel: describeMetric(rule.metric), teams: [] };
  }
  const names = {
    touchpoints: Object.fromEntries(workspace.touchpoints.map((t) => [t.id, t.name])),
    teams: Object.fromEntries(workspace.teams.map((t) => [t.id, t.name])),
    segments: Object.fromEntries(workspace.segments.map((s) => [s.id, s.name])),
    moments: Object.fromEntries(workspace.momentsOfTruth.map((m) => [`rule:${m.id}`, m.name])),
  };
  return {
    ...rule,
    metricLabel: describeMetric(rule.metric, names),
    teams: metricTeams(rule.metric, workspace.touchpoints),
  };
}

const toMeasure = (m: TMeasurement | undefined): TMeasure =>
  m === undefined
    ? { value: null, n: 0, low: null, high: null }
    : { value: m.value, n: m.n, low: m.interval?.[0] ?? null, high: m.interval?.[1] ?? null };

type TNeeds = { rule: TStoredRule; current: TWindow; baseline: TWindow | null };
type TMeasured = { current?: TMeasurement; baseline?: TMeasurement; error?: string };

/**
 * Measures what the rules need, one `measure` call per distinct window (rules over the same
 * period share the journeys built for it). A metric the workspace no longer has is an error
 * of that rule only.
 */
async function measureAll(
  c: TEvaluationContext,
  needs: readonly TNeeds[],
): Promise<Map<string, TMeasured>> {
  const out = new Map<string, TMeasured>();
  const groups = new Map<
    string,
    { window: TWindow; items: { id: string; role: 'current' | 'baseline'; ref: TMetricRef }[] }
  >();
  for (const { rule, current, baseline } of needs) {
    try {
      checkMetric(c.workspace, rule.metric);
    } catch (e) {
      out.set(rule.id, { error: (e as Error).message });
      continue;
    }
    out.set(rule.id, {});
    for (const [role, window] of [
      ['current', current],
      ['baseline', baseline],
    ] as const) {
      if (window === null) continue;
      const key = `${window.fromMs}-${window.toMs}`;
      const group = groups.get(key) ?? { window, items: [] };
      group.items.push({ id: rule.id, role, ref: rule.metric });
      groups.set(key, group);
    }
  }
  for (const { window, items } of groups.values()) {
    const period = {
      from: new Date(window.fromMs).toISOString(),
      to: new Date(window.toMs).toISOString(),
    };
    try {
      const measured = await c.measure(
        c.reader,
        c.workspace,
        items.map((i) => i.ref),
        period,
      );
      items.forEach((item, i) => {
        const m = out.get(item.id);
        if (m !== undefined && m.error === undefined) m[item.role] = measured[i];
      });
    } catch (e) {
      for (const item of items) out.set(item.id, { error: (e as Error).message });
    }
  }
  return out;
}

/** Evaluates the given rules (the enabled ones) at `c.nowMs`. */
export async function evaluateRules(
  c: TEvaluationContext,
  rules: readonly TStoredRule[],
): Promise<TRuleOutcome[]> {
  const needs = rules
    .filter((r) => r.enabled)
    .map((rule) => ({ rule, ...evaluationWindows(rule.period, rule.condition, c.nowMs) }));
  const measured = await measureAll(c, needs);
  const outcomes: TRuleOutcome[] = [];
  for (const need of needs) {
    const m = measured.get(need.rule.id) ?? {};
    const outcome = await record(c, need, m);
    if (outcome !== undefined) outcomes.push(outcome);
  }
  return outcomes;
}

/** Decides on the fresh state and writes the outcome; undefined if the rule went away. */
async function record(
  c: TEvaluationContext,
  need: TNeeds,
  m: TMeasured,
): Promise<TRuleOutcome | undefined> {
  return c.store.transaction(async () => {
    const rule = await getRule(c.store, need.rule.id);
    if (rule === undefined || !rule.enabled) return undefined;
    const current = toMeasure(m.current);
    const baseline = need.baseline === null ? null : toMeasure(m.baseline);
    const at = new Date(c.nowMs).toISOString();
    const evaluation: Omit<TAlertEvaluation, 'id'> = {
      ruleId: rule.id,
      evaluatedAt: at,
      trigger: c.trigger,
      from: new Date(need.current.fromMs).toISOString(),
      to: new Date(need.current.toMs).toISOString(),
      current,
      baseline,
      limit: null,
      outcome: 'error',
      transition: null,
      alertId: rule.openAlertId,
      reason: m.error ?? '',
    };
    let alert: TAlert | null = null;
    let event: TAlertEventType | null = null;
    let queued = 0;
    if (m.error === undefined) {
      const unit = m.current?.unit ?? m.baseline?.unit ?? metricUnit(rule.metric);
      const d = decide({
        condition: rule.condition,
        minN: rule.minN,
        state: rule.state,
        current,
        baseline,
        format: (x) => formatValue(unit, x),
      });
      Object.assign(evaluation, { limit: d.limit, outcome: d.outcome, reason: d.reason });
      const view = ruleView(rule, c.workspace);
      if (d.transition === 'raise') {
        alert = newAlert(view, d, evaluation, at, m.current?.unit ?? null);
        const moved = await c.store.exec(sql`UPDATE alert_rules SET state = 'breached',
          open_alert_id = ${alert.id} WHERE id = ${rule.id} AND state = 'ok'`);
        if (moved === 1) {
          await insertAlert(c.store, alert, rule.notify.inApp);
          event = 'alert.raised';
          Object.assign(evaluation, { transition: 'raise', alertId: alert.id });
        } else {
          alert = null;
        }
      } else if (d.transition === 'resolve') {
        await c.store.exec(sql`UPDATE alert_rules SET state = 'ok', open_alert_id = NULL
          WHERE id = ${rule.id}`);
        evaluation.transition = 'resolve';
        // A breach without its alert (it cannot happen by these functions) just ends.
        if (rule.openAlertId !== null) {
          const latest = { ...current, at };
          await resolveAlertRow(c.store, rule.openAlertId, latest, d.reason, c.nowMs);
          alert = (await getAlert(c.store, rule.openAlertId)) ?? null;
          event = alert === null ? null : 'alert.resolved';
        }
      } else if (
        rule.state === 'breached' &&
        rule.openAlertId !== null &&
        d.outcome !== 'insufficient'
      ) {
        await updateLatest(c.store, rule.openAlertId, { ...current, at });
        alert = (await getAlert(c.store, rule.openAlertId)) ?? null;
      }
      if (alert !== null && event !== null) {
        queued = await queueWebhooks(
          c.store,
          alert,
          event,
          rule.notify.webhooks,
          c.nowMs,
          c.appUrl,
        );
      }
    }
    await insertEvaluation(c.store, evaluation);
    await c.store.exec(sql`UPDATE alert_rules SET last_evaluated_ms = ${c.nowMs}
      WHERE id = ${rule.id}`);
    return { ruleId: rule.id, evaluation, alert, event, queued };
  });
}

function newAlert(
  rule: TAlertRule,
  d: TDecision,
  e: Omit<TAlertEvaluation, 'id'>,
  at: string,
  unit: TMetricUnit | null,
): TAlert {
  return {
    id: `al_${randomUUID()}`,
    ruleId: rule.id,
    ruleName: rule.name,
    metric: rule.metric,
    metricLabel: rule.metricLabel,
    unit,
    teams: rule.teams,
    status: 'open',
    raisedAt: at,
    resolvedAt: null,
    reason: d.reason,
    resolvedReason: null,
    raised: {
      ...e.current,
      limit: d.limit ?? 0,
      baseline: e.baseline?.value ?? null,
      from: e.from,
      to: e.to,
    },
    latest: { ...e.current, at },
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
}

/** Queues the webhook of an alert event for the rule's subscriptions. */
export async function queueWebhooks(
  store: TStore,
  alert: TAlert,
  type: TAlertEventType,
  subscriptions: readonly string[],
  nowMs: number,
  appUrl?: string,
): Promise<number> {
  const body = alertWebhookBody(alert, type, new Date(nowMs).toISOString(), appUrl);
  return enqueueToSubscriptions(
    store,
    { id: body.id, type, body: JSON.stringify(body) },
    subscriptions,
    nowMs,
  );
}

/**
 * Resolves a rule's open alert because the rule stopped watching (disabled, deleted or its
 * metric changed), and tells the rule's webhooks. Call inside a transaction.
 */
export async function closeOpenAlert(
  store: TStore,
  rule: TStoredRule,
  reason: string,
  nowMs: number,
  appUrl?: string,
): Promise<{ alert: TAlert | null; queued: number }> {
  if (rule.openAlertId === null) return { alert: null, queued: 0 };
  const open = await getAlert(store, rule.openAlertId);
  await store.exec(sql`UPDATE alert_rules SET state = 'ok', open_alert_id = NULL
    WHERE id = ${rule.id}`);
  if (open === undefined || open.status !== 'open') return { alert: null, queued: 0 };
  await resolveAlertRow(store, open.id, open.latest, reason, nowMs);
  const alert = (await getAlert(store, open.id)) ?? null;
  if (alert === null) return { alert: null, queued: 0 };
  const queued = await queueWebhooks(
    store,
    alert,
    'alert.resolved',
    rule.notify.webhooks,
    nowMs,
    appUrl,
  );
  return { alert, queued };
}
