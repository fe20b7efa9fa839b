/**
 * Creating, changing and deleting alert rules, with the checks zod cannot make alone: the
 * metric names what the workspace has, a threshold lies in the metric's unit (a share is 0–1),
 * and the webhook subscriptions exist and take alert events. Errors name the field.
 *
 * A rule that stops watching what it watched — disabled, deleted, or given another metric,
 * condition or period — resolves its open alert (and tells its webhooks), so every alert
 * raised is also resolved; a changed rule then starts from `ok`, as a new rule would.
 */
import { randomUUID } from 'node:crypto';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { checkMetric, MetricError } from '../metrics/metric-check.js';
import { lowerIsBetter } from '../metrics/metric-ref.js';
import { listWebhooks } from '../triggers/webhooks.js';
import { closeOpenAlert } from './alert-evaluator.js';
import { formatValue, thresholdRange } from './alert-format.js';
import { metricUnit } from '../../model/metric-unit.js';
import { fillDirection, type TAlertRuleChange, type TNewAlertRule } from './alert-rule-schema.js';
import {
  deleteRuleRow,
  getRule,
  insertRule,
  updateRuleDefinition,
  type TRuleDefinition,
  type TStoredRule,
} from './alert-store.js';
import type { TAlert } from './alert-types.js';

/** A rule that cannot be saved: the field at fault and why. */
export class AlertRuleError extends Error {
  override name = 'AlertRuleError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

async function check(store: TStore, workspace: TWorkspace, rule: TRuleDefinition): Promise<void> {
  try {
    checkMetric(workspace, rule.metric);
  } catch (e) {
    if (e instanceof MetricError)
      throw new AlertRuleError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
  const unit = metricUnit(rule.metric);
  const range = unit === null ? null : thresholdRange(unit);
  if (rule.condition.kind === 'absolute' && range !== null) {
    const t = rule.condition.threshold;
    if (t < range[0] || t > range[1]) {
      throw new AlertRuleError(
        'condition.threshold',
        unit === 'share'
          ? `${t} is not a share between 0 and 1 (write 5% as 0.05)`
          : `${t} is outside ${formatValue(unit, range[0])} to ${formatValue(unit, range[1])}`,
      );
    }
  }
  const hooks = new Map((await listWebhooks(store)).map((h) => [h.id, h]));
  rule.notify.webhooks.forEach((id, i) => {
    const hook = hooks.get(id);
    if (hook === undefined) {
      throw new AlertRuleError(`notify.webhooks.${i}`, `no webhook subscription ${id}`);
    }
    if (!hook.events.includes('alert.raised')) {
      throw new AlertRuleError(
        `notify.webhooks.${i}`,
        `subscription ${id} does not take alert.raised events: add alert.raised and alert.resolved to its events`,
      );
    }
  });
  if (new Set(rule.notify.webhooks).size !== rule.notify.webhooks.length) {
    throw new AlertRuleError('notify.webhooks', 'a subscription is listed twice');
  }
}

export async function createRule(
  store: TStore,
  workspace: TWorkspace,
  input: TNewAlertRule,
  createdBy: string,
  nowMs: number,
): Promise<TStoredRule> {
  const rule: TRuleDefinition = {
    name: input.name,
    description: input.description ?? null,
    metric: input.metric,
    condition: fillDirection(input.condition, lowerIsBetter(input.metric)),
    period: input.period,
    minN: input.minN,
    notify: input.notify,
    enabled: input.enabled,
  };
  await check(store, workspace, rule);
  const id = `ar_${randomUUID()}`;
  await insertRule(store, id, rule, createdBy, nowMs);
  const created = await getRule(store, id);
  if (created === undefined) throw new Error(`alert rule ${id} vanished after its creation`);
  return created;
}

export type TRuleChanged = { rule: TStoredRule; closed: TAlert | null; queued: number };

/** Changes a rule; undefined when there is none. */
export async function updateRule(
  store: TStore,
  workspace: TWorkspace,
  id: string,
  change: TAlertRuleChange,
  nowMs: number,
  appUrl?: string,
): Promise<TRuleChanged | undefined> {
  return store.transaction(async () => {
    const current = await getRule(store, id);
    if (current === undefined) return undefined;
    const metric = change.metric ?? current.metric;
    const next: TRuleDefinition = {
      name: change.name ?? current.name,
      description: change.description === undefined ? current.description : change.description,
      metric,
      condition:
        change.condition === undefined
          ? current.condition
          : fillDirection(change.condition, lowerIsBetter(metric)),
      period: change.period ?? current.period,
      minN: change.minN ?? current.minN,
      notify: change.notify ?? current.notify,
      enabled: change.enabled ?? current.enabled,
    };
    await check(store, workspace, next);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const redefined =
      !same(next.metric, current.metric) ||
      !same(next.condition, current.condition) ||
      next.period !== current.period ||
      next.minN !== current.minN;
    let closed: { alert: TAlert | null; queued: number } = { alert: null, queued: 0 };
    if (!next.enabled && current.enabled) {
      closed = await closeOpenAlert(store, current, 'the rule was disabled', nowMs, appUrl);
    } else if (redefined) {
      closed = await closeOpenAlert(store, current, 'the rule was changed', nowMs, appUrl);
    }
    await updateRuleDefinition(store, id, next, nowMs);
    const rule = await getRule(store, id);
    if (rule === undefined) return undefined;
    return { rule, closed: closed.alert, queued: closed.queued };
  });
}

/** Deletes a rule (its alerts stay, resolved); undefined when there is none. */
export async function deleteRule(
  store: TStore,
  id: string,
  nowMs: number,
  appUrl?: string,
): Promise<{ closed: TAlert | null; queued: number } | undefined> {
  return store.transaction(async () => {
    const current = await getRule(store, id);
    if (current === undefined) return undefined;
    const closed = await closeOpenAlert(store, current, 'the rule was deleted', nowMs, appUrl);
    await deleteRuleRow(store, id);
    return { closed: closed.alert, queued: closed.queued };
  });
}
