/**
 * Alert rules, alerts and evaluations in the store: rows to the answer types and back. The
 * state changes of a rule (raise, resolve) are written by the evaluator (alert-evaluator.ts)
 * in one transaction with the alert and its webhook deliveries; this file only reads and
 * writes rows. Knows nothing of HTTP.
 */
import { join, sql, type TSql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import type {
  TAlert,
  TAlertCondition,
  TAlertEvaluation,
  TAlertPeriod,
  TAlertRule,
  TAlertStatus,
  TMeasure,
  TMetricRef,
  TMetricUnit,
  TRuleState,
} from './alert-types.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

type TRuleRow = {
  id: string;
  name: string;
  description: string | null;
  metric: string;
  rule_condition: string;
  period: TAlertPeriod;
  min_n: number;
  notify_in_app: boolean;
  webhooks: string;
  enabled: boolean;
  state: TRuleState;
  open_alert_id: string | null;
  last_evaluated_ms: number | null;
  created_by: string;
  created_ms: number;
  updated_ms: number;
};

/** A rule as stored, before the workspace names its metric and teams. */
export type TStoredRule = Omit<TAlertRule, 'metricLabel' | 'teams'>;

function ruleFromRow(r: TRuleRow): TStoredRule {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    metric: JSON.parse(r.metric) as TMetricRef,
    condition: JSON.parse(r.rule_condition) as TAlertCondition,
    period: r.period,
    minN: r.min_n,
    notify: { inApp: r.notify_in_app, webhooks: JSON.parse(r.webhooks) as string[] },
    enabled: r.enabled,
    state: r.state,
    openAlertId: r.open_alert_id,
    lastEvaluatedAt: iso(r.last_evaluated_ms),
    createdBy: r.created_by,
    createdAt: iso(r.created_ms) ?? '',
    updatedAt: iso(r.updated_ms) ?? '',
  };
}

export async function listRules(store: TStore): Promise<TStoredRule[]> {
  const rows = await store.all<TRuleRow>(sql`SELECT * FROM alert_rules ORDER BY created_ms, id`);
  return rows.map(ruleFromRow);
}

export async function getRule(store: TStore, id: string): Promise<TStoredRule | undefined> {
  const [row] = await store.all<TRuleRow>(sql`SELECT * FROM alert_rules WHERE id = ${id}`);
  return row === undefined ? undefined : ruleFromRow(row);
}

/** What defines a rule (everything but its state and history). */
export type TRuleDefinition = Pick<
  TStoredRule,
  'name' | 'description' | 'metric' | 'condition' | 'period' | 'minN' | 'notify' | 'enabled'
>;

export async function insertRule(
  store: TStore,
  id: string,
  rule: TRuleDefinition,
  createdBy: string,
  nowMs: number,
): Promise<void> {
  await store.exec(sql`INSERT INTO alert_rules (id, name, description, metric, rule_condition,
    period, min_n, notify_in_app, webhooks, enabled, state, open_alert_id, last_evaluated_ms,
    created_by, created_ms, updated_ms)
    VALUES (${id}, ${rule.name}, ${rule.description}, ${JSON.stringify(rule.metric)},
      ${JSON.stringify(rule.condition)}, ${rule.period}, ${rule.minN}, ${rule.notify.inApp},
      ${JSON.stringify(rule.notify.webhooks)}, ${rule.enabled}, 'ok', NULL, NULL, ${createdBy},
      ${nowMs}, ${nowMs})`);
}

export async function updateRuleDefinition(
  store: TStore,
  id: string,
  rule: TRuleDefinition,
  nowMs: number,
): Promise<void> {
  await store.exec(sql`UPDATE alert_rules SET name = ${rule.name},
    description = ${rule.description}, metric = ${JSON.stringify(rule.metric)},
    rule_condition = ${JSON.stringify(rule.condition)}, period = ${rule.period},
    min_n = ${rule.minN}, notify_in_app = ${rule.notify.inApp},
    webhooks = ${JSON.stringify(rule.notify.webhooks)}, enabled = ${rule.enabled},
    updated_ms = ${nowMs} WHERE id = ${id}`);
}

export async function deleteRuleRow(store: TStore, id: string): Promise<boolean> {
  return (await store.exec(sql`DELETE FROM alert_rules WHERE id = ${id}`)) > 0;
}

type TAlertRow = {
  id: string;
  rule_id: string;
  rule_name: string;
  metric: string;
  metric_label: string;
  unit: TMetricUnit | null;
  teams: string;
  in_app: boolean;
  status: TAlertStatus;
  raised_ms: number;
  resolved_ms: number | null;
  reason: string;
  resolved_reason: string | null;
  raised: string;
  latest: string;
  acknowledged_ms: number | null;
  acknowledged_by: string | null;
};

function alertFromRow(r: TAlertRow): TAlert {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    metric: JSON.parse(r.metric) as TMetricRef,
    metricLabel: r.metric_label,
    unit: r.unit,
    teams: JSON.parse(r.teams) as string[],
    status: r.status,
    raisedAt: iso(r.raised_ms) ?? '',
    resolvedAt: iso(r.resolved_ms),
    reason: r.reason,
    resolvedReason: r.resolved_reason,
    raised: JSON.parse(r.raised) as TAlert['raised'],
    latest: JSON.parse(r.latest) as TAlert['latest'],
    acknowledgedAt: iso(r.acknowledged_ms),
    acknowledgedBy: r.acknowledged_by,
  };
}

export async function insertAlert(store: TStore, a: TAlert, inApp: boolean): Promise<void> {
  await store.exec(sql`INSERT INTO alerts (id, rule_id, rule_name, metric, metric_label, unit,
    teams, in_app, status, raised_ms, resolved_ms, reason, resolved_reason, raised, latest,
    acknowledged_ms, acknowledged_by)
    VALUES (${a.id}, ${a.ruleId}, ${a.ruleName}, ${JSON.stringify(a.metric)}, ${a.metricLabel},
      ${a.unit}, ${JSON.stringify(a.teams)}, ${inApp}, 'open', ${Date.parse(a.raisedAt)}, NULL, ${a.reason},
      NULL, ${JSON.stringify(a.raised)}, ${JSON.stringify(a.latest)}, NULL, NULL)`);
}

/** The latest measurement of an open alert (the breach goes on: nobody is told again). */
export async function updateLatest(store: TStore, id: string, latest: TAlert['latest']) {
  await store.exec(
    sql`UPDATE alerts SET latest = ${JSON.stringify(latest)} WHERE id = ${id} AND status = 'open'`,
  );
}

/** Resolves an open alert; false when it was not open. */
export async function resolveAlertRow(
  store: TStore,
  id: string,
  latest: TAlert['latest'],
  reason: string,
  nowMs: number,
): Promise<boolean> {
  const n = await store.exec(sql`UPDATE alerts SET status = 'resolved', resolved_ms = ${nowMs},
    resolved_reason = ${reason}, latest = ${JSON.stringify(latest)}
    WHERE id = ${id} AND status = 'open'`);
  return n > 0;
}

export async function getAlert(store: TStore, id: string): Promise<TAlert | undefined> {
  const [row] = await store.all<TAlertRow>(sql`SELECT * FROM alerts WHERE id = ${id}`);
  return row === undefined ? undefined : alertFromRow(row);
}

export type TAlertFilter = {
  status?: TAlertStatus | undefined;
  /** Only alerts of rules that notify in the app. */
  inApp?: boolean | undefined;
  /** Only alerts about what this team owns. */
  team?: string | undefined;
  ruleId?: string | undefined;
  limit: number;
};

function alertWhere(f: Omit<TAlertFilter, 'limit'>): TSql {
  const where: TSql[] = [sql`true`];
  if (f.status !== undefined) where.push(sql`status = ${f.status}`);
  if (f.inApp === true) where.push(sql`in_app`);
  if (f.ruleId !== undefined) where.push(sql`rule_id = ${f.ruleId}`);
  if (f.team !== undefined) {
    where.push(
      sql`list_contains(CAST(json_extract_string(teams, '$[*]') AS VARCHAR[]), ${f.team})`,
    );
  }
  return join(where, ' AND ');
}

/** Alerts, open first, newest first. */
export async function listAlerts(store: TStore, f: TAlertFilter): Promise<TAlert[]> {
  const rows = await store.all<TAlertRow>(sql`SELECT * FROM alerts WHERE ${alertWhere(f)}
    ORDER BY status = 'open' DESC, raised_ms DESC, id LIMIT ${f.limit}`);
  return rows.map(alertFromRow);
}

/** Open alerts nobody has acknowledged yet (the badge in the navigation). */
export async function countUnacknowledged(
  store: TStore,
  f: Omit<TAlertFilter, 'limit' | 'status'>,
): Promise<number> {
  const [row] = await store.all<{ n: number }>(sql`SELECT count(*) AS n FROM alerts
    WHERE ${alertWhere({ ...f, status: 'open' })} AND acknowledged_ms IS NULL`);
  return Number(row?.n ?? 0);
}

/** Marks an alert acknowledged (the first acknowledgement stays); false when there is none. */
export async function acknowledgeRow(
  store: TStore,
  id: string,
  who: string,
  nowMs: number,
): Promise<boolean> {
  await store.exec(sql`UPDATE alerts SET acknowledged_ms = ${nowMs}, acknowledged_by = ${who}
    WHERE id = ${id} AND acknowledged_ms IS NULL`);
  return (await getAlert(store, id)) !== undefined;
}

type TEvaluationRow = {
  id: number;
  rule_id: string;
  evaluated_ms: number;
  trigger_kind: TAlertEvaluation['trigger'];
  from_ms: number;
  to_ms: number;
  current_measure: string;
  baseline_measure: string | null;
  limit_value: number | null;
  outcome: TAlertEvaluation['outcome'];
  transition: TAlertEvaluation['transition'];
  alert_id: string | null;
  reason: string;
};

export async function insertEvaluation(
  store: TStore,
  e: Omit<TAlertEvaluation, 'id'>,
): Promise<void> {
  await store.exec(sql`INSERT INTO alert_evaluations (rule_id, evaluated_ms, trigger_kind,
    from_ms, to_ms, current_measure, baseline_measure, limit_value, outcome, transition,
    alert_id, reason)
    VALUES (${e.ruleId}, ${Date.parse(e.evaluatedAt)}, ${e.trigger}, ${Date.parse(e.from)},
      ${Date.parse(e.to)}, ${JSON.stringify(e.current)},
      ${e.baseline === null ? null : JSON.stringify(e.baseline)}, ${e.limit}, ${e.outcome},
      ${e.transition}, ${e.alertId}, ${e.reason})`);
}

/** A rule's evaluations, newest first. */
export async function listEvaluations(
  store: TStore,
  ruleId: string,
  limit: number,
): Promise<TAlertEvaluation[]> {
  const rows = await store.all<TEvaluationRow>(sql`SELECT * FROM alert_evaluations
    WHERE rule_id = ${ruleId} ORDER BY evaluated_ms DESC, id DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    ruleId: r.rule_id,
    evaluatedAt: iso(r.evaluated_ms) ?? '',
    trigger: r.trigger_kind,
    from: iso(r.from_ms) ?? '',
    to: iso(r.to_ms) ?? '',
    current: JSON.parse(r.current_measure) as TMeasure,
    baseline: r.baseline_measure === null ? null : (JSON.parse(r.baseline_measure) as TMeasure),
    limit: r.limit_value,
    outcome: r.outcome,
    transition: r.transition,
    alertId: r.alert_id,
    reason: r.reason,
  }));
}

/** Forgets evaluations older than `beforeMs` (the log keeps a bounded history). */
export async function forgetEvaluations(store: TStore, beforeMs: number): Promise<number> {
  return store.exec(sql`DELETE FROM alert_evaluations WHERE evaluated_ms < ${beforeMs}`);
}
