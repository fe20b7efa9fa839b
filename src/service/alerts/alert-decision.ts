/**
 * The decision of one alert rule at one evaluation: given the rule's condition, its state
 * (`ok` or `breached`) and the measurements of the evaluated window (and of the baseline
 * window, for a relative condition), whether the metric is in breach, and whether that raises
 * an alert (ok → breached), resolves one (breached → ok) or changes nothing. A rule that is
 * breached stays breached, however often it is evaluated, until the metric comes back past
 * the resolving limit: one alert per breach. Too few observations change nothing either way.
 *
 * Pure: no I/O, no clock. The windows evaluated are computed here too, from the time given.
 */
import type { TAlertCondition, TAlertPeriod, TMeasure, TRuleState } from './alert-types.js';

const DAY_MS = 86_400_000;

/** The length of an evaluation period: a rolling day, week (7 days) or month (30 days). */
export const PERIOD_MS: Record<TAlertPeriod, number> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
};

export type TWindow = { fromMs: number; toMs: number };

/**
 * The window a rule measures at `nowMs` (the last period, ending now) and its baseline: the
 * `periods` periods just before it, or the fixed period given.
 *
 * @example evaluationWindows('week', { kind: 'previous', periods: 4 }, now)
 *   // current: [now − 7 d, now), baseline: [now − 35 d, now − 7 d)
 */
export function evaluationWindows(
  period: TAlertPeriod,
  condition: TAlertCondition,
  nowMs: number,
): { current: TWindow; baseline: TWindow | null } {
  const length = PERIOD_MS[period];
  const current = { fromMs: nowMs - length, toMs: nowMs };
  if (condition.kind === 'absolute') return { current, baseline: null };
  const b = condition.baseline;
  if (b.kind === 'fixed') {
    return { current, baseline: { fromMs: Date.parse(b.from), toMs: Date.parse(b.to) } };
  }
  return {
    current,
    baseline: { fromMs: current.fromMs - b.periods * length, toMs: current.fromMs },
  };
}

export type TDecisionInput = {
  condition: TAlertCondition;
  /** Fewer observations than this (in the window, and in the baseline) decide nothing. */
  minN: number;
  state: TRuleState;
  current: TMeasure;
  /** Required by a relative condition. */
  baseline?: TMeasure | null;
  /** How values read in the reason (e.g. as a percentage); default: the number. */
  format?: (x: number) => string;
};

export type TOutcome = 'ok' | 'breach' | 'insufficient';

export type TDecision = {
  /** What this evaluation found; `insufficient`: too few observations to say. */
  outcome: TOutcome;
  /** The state after the evaluation. */
  next: TRuleState;
  /** `raise`: a new alert; `resolve`: the open alert is resolved; null: nothing to tell. */
  transition: 'raise' | 'resolve' | null;
  /** The value past which the metric is in breach (null when it could not be computed). */
  limit: number | null;
  /** The value the metric must come back past to resolve a breach. */
  resolveLimit: number | null;
  /** Why, in words, for the evaluation log and the alert. */
  reason: string;
};

/** Decides one evaluation; see the file header. */
export function decide(input: TDecisionInput): TDecision {
  const { condition, minN, state, current } = input;
  const hold = (reason: string, limit: number | null = null): TDecision => ({
    outcome: 'insufficient',
    next: state,
    transition: null,
    limit,
    resolveLimit: limit === null ? null : resolveLimitOf(condition, limit),
    reason,
  });
  const enough = Math.max(1, minN);
  let limit: number;
  if (condition.kind === 'absolute') {
    limit = condition.threshold;
  } else {
    const base = input.baseline;
    if (base === undefined || base === null || base.value === null || base.n < enough) {
      return hold(`baseline has ${base?.n ?? 0} observations, fewer than ${enough}`);
    }
    const factor = condition.direction === 'above' ? 1 + condition.change : 1 - condition.change;
    limit = base.value * factor;
  }
  if (current.value === null || current.n < enough) {
    return hold(`${current.n} observations in the period, fewer than ${enough}`, limit);
  }
  const resolveLimit = resolveLimitOf(condition, limit);
  const inBreach =
    state === 'breached'
      ? beyond(condition.direction, current.value, resolveLimit)
      : beyond(condition.direction, pick(condition, current), limit);
  const outcome: TOutcome = inBreach ? 'breach' : 'ok';
  const next: TRuleState = inBreach ? 'breached' : 'ok';
  const transition = state === next ? null : next === 'breached' ? 'raise' : 'resolve';
  return {
    outcome,
    next,
    transition,
    limit,
    resolveLimit,
    reason: explain(input, outcome, limit, resolveLimit),
  };
}

/**
 * What is compared with the limit to go into breach: the value, or with `confidence:
 * 'interval'` the end of its 95% interval nearest the limit (so the whole interval must be
 * past it). Resolving always compares the value.
 */
function pick(condition: TAlertCondition, m: TMeasure): number {
  const value = m.value ?? 0;
  if (condition.confidence !== 'interval') return value;
  const edge = condition.direction === 'above' ? m.low : m.high;
  return edge ?? value;
}

function beyond(direction: 'above' | 'below', x: number, limit: number): boolean {
  return direction === 'above' ? x > limit : x < limit;
}

/** The limit moved back towards normal by the hysteresis, a fraction of the limit. */
function resolveLimitOf(condition: TAlertCondition, limit: number): number {
  const margin = Math.abs(limit) * (condition.hysteresis ?? 0);
  return condition.direction === 'above' ? limit - margin : limit + margin;
}

const plain = (x: number): string => String(Math.round(x * 10_000) / 10_000);

function explain(
  input: TDecisionInput,
  outcome: TOutcome,
  limit: number,
  resolveLimit: number,
): string {
  const { condition, current, state } = input;
  const fmt = input.format ?? plain;
  const value = fmt(current.value ?? 0);
  const word = condition.direction === 'above' ? 'above' : 'below';
  const against =
    condition.kind === 'absolute'
      ? `the threshold ${fmt(limit)}`
      : `${fmt(limit)} (baseline ${fmt(input.baseline?.value ?? 0)} ${condition.direction === 'above' ? '+' : '−'} ${plain(condition.change * 100)}%)`;
  if (state === 'breached') {
    return outcome === 'breach'
      ? `still in breach: ${value} not back past ${fmt(resolveLimit)}`
      : `back to normal: ${value} past ${fmt(resolveLimit)}`;
  }
  const interval = condition.confidence === 'interval' ? ' (whole 95% interval)' : '';
  return outcome === 'breach'
    ? `${value}${interval} is ${word} ${against}`
    : `${value} is not${interval} ${word} ${against}`;
}
