/**
 * Alerts and rules in words for the alerts screen: a rule's condition ("above 5%", "20% worse
 * than the previous 4 weeks"), an alert's value against its limit, and who may acknowledge
 * an alert. Pure: table-tested without a browser.
 */
import type { TAlert, TAlertRule } from '../../../service/alerts/alert-types.js';
import type { TMe } from '../../api.js';
import { percent } from '../../ui/format.js';
import { metricUnit } from '../../../model/metric-unit.js';
import { metricInterval, metricValue } from './metric-format.js';

const PERIOD_WORDS = { day: 'day', week: 'week', month: 'month' } as const;

/** @example conditionText(rule) // "above 5% over the last week" */
export function conditionText(rule: Pick<TAlertRule, 'metric' | 'condition' | 'period'>): string {
  const c = rule.condition;
  const unit = metricUnit(rule.metric);
  const over = `over the last ${PERIOD_WORDS[rule.period]}`;
  const tail = [
    c.confidence === 'interval' ? 'whole 95% interval' : '',
    c.hysteresis !== undefined && c.hysteresis > 0
      ? `resolves ${percent(c.hysteresis, 0)} past the limit`
      : '',
  ].filter((s) => s !== '');
  const extra = tail.length === 0 ? '' : ` (${tail.join('; ')})`;
  if (c.kind === 'absolute') {
    return `${c.direction} ${metricValue(unit, c.threshold)} ${over}${extra}`;
  }
  const change = percent(c.change, 0);
  const word = c.direction === 'above' ? 'above' : 'below';
  const baseline =
    c.baseline.kind === 'previous'
      ? `the previous ${c.baseline.periods === 1 ? PERIOD_WORDS[rule.period] : `${c.baseline.periods} ${PERIOD_WORDS[rule.period]}s`}`
      : `${c.baseline.from.slice(0, 10)} to ${c.baseline.to.slice(0, 10)}`;
  return `${change} ${word} ${baseline}, ${over}${extra}`;
}

/** @example valueText(alert) // "53.33% (95% CI 30.1%–75.2%), limit 20%, n = 15" */
export function valueText(alert: TAlert, which: 'raised' | 'latest' = 'latest'): string {
  const unit = alert.unit ?? metricUnit(alert.metric);
  const m = which === 'raised' ? alert.raised : alert.latest;
  const interval = metricInterval(unit, m.low, m.high);
  return [
    `${metricValue(unit, m.value)}${interval === '' ? '' : ` (95% CI ${interval})`}`,
    `limit ${metricValue(unit, alert.raised.limit)}`,
    `n = ${m.n.toLocaleString('en-US')}`,
  ].join(', ');
}

/** The CX team acknowledges any alert; a team member those about their team. */
export function canAcknowledge(me: TMe, alert: TAlert): boolean {
  if (alert.acknowledgedAt !== null) return false;
  if (me.role === 'admin' || me.role === 'cx') return true;
  return me.role === 'team' && me.team != null && alert.teams.includes(me.team);
}

/** The alerts query of the inbox's filters. */
export function inboxQuery(status: string | undefined, team: string | undefined): string {
  const q = new URLSearchParams();
  if (status !== 'all') q.set('status', status ?? 'open');
  if (team !== undefined && team !== '') q.set('team', team);
  q.set('limit', '200');
  return `/api/alerts?${q.toString()}`;
}
