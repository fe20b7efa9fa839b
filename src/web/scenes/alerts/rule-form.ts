/**
 * The alert rule editor's form as data: what the inputs hold (text, as typed; shares in
 * percent), the form of an existing rule, and the request body of a form — or, per field,
 * why it cannot be sent yet. Pure: table-tested without a browser.
 */
import type { TFrictionType } from '../../../model/gap-kinds.js';
import { metricUnit } from '../../../model/metric-unit.js';
import type { TAlertRule, TMetricRef } from '../../../service/alerts/alert-types.js';

export const METRIC_KINDS = [
  ['friction', "A friction's rate"],
  ['stageConversion', "A stage's conversion"],
  ['momentSuccess', "A moment of truth's success rate"],
  ['momentSatisfaction', "A moment of truth's satisfaction"],
] as const;
export type TMetricKind = (typeof METRIC_KINDS)[number][0];

export type TRuleForm = {
  name: string;
  description: string;
  metricKind: TMetricKind;
  frictionType: TFrictionType;
  per: 'customer' | 'journeys';
  touchpoint: string;
  team: string;
  stage: string;
  segment: string;
  /** `touchpoint:<id>` or `rule:<id>`. */
  moment: string;
  survey: string;
  conditionKind: 'absolute' | 'relative';
  /** Empty: the metric's default (above for a friction, below otherwise). */
  direction: '' | 'above' | 'below';
  /** In percent for a share, else in the metric's unit. */
  threshold: string;
  /** Percent worse than the baseline. */
  change: string;
  baselineKind: 'previous' | 'fixed';
  periods: string;
  baselineFrom: string;
  baselineTo: string;
  wholeInterval: boolean;
  /** Percent of the limit. */
  hysteresis: string;
  period: 'day' | 'week' | 'month';
  minN: string;
  inApp: boolean;
  webhooks: string[];
  enabled: boolean;
};

export function emptyForm(): TRuleForm {
  return {
    name: '',
    description: '',
    metricKind: 'friction',
    frictionType: 'repeat_contact',
    per: 'customer',
    touchpoint: '',
    team: '',
    stage: '',
    segment: '',
    moment: '',
    survey: 'csat',
    conditionKind: 'absolute',
    direction: '',
    threshold: '',
    change: '20',
    baselineKind: 'previous',
    periods: '4',
    baselineFrom: '',
    baselineTo: '',
    wholeInterval: false,
    hysteresis: '0',
    period: 'week',
    minN: '30',
    inApp: true,
    webhooks: [],
    enabled: true,
  };
}

const text = (n: number | undefined): string =>
  n === undefined ? '' : String(Math.round(n * 1e6) / 1e6);

/** The form of an existing rule. */
export function formOf(rule: TAlertRule): TRuleForm {
  const f = emptyForm();
  const m = rule.metric;
  const c = rule.condition;
  const percent = metricUnit(m) === 'share';
  return {
    ...f,
    name: rule.name,
    description: rule.description ?? '',
    metricKind: m.kind,
    ...(m.kind === 'friction'
      ? {
          frictionType: m.type,
          per: m.per ?? 'customer',
          touchpoint: m.touchpoint ?? '',
          team: m.team ?? '',
          stage: m.stage ?? '',
          segment: m.segment ?? '',
        }
      : {}),
    ...(m.kind === 'stageConversion' ? { stage: m.stage } : {}),
    ...(m.kind === 'momentSuccess' ? { moment: m.moment } : {}),
    ...(m.kind === 'momentSatisfaction' ? { moment: m.moment, survey: m.survey } : {}),
    conditionKind: c.kind,
    direction: c.direction,
    threshold: c.kind === 'absolute' ? text(percent ? c.threshold * 100 : c.threshold) : '',
    change: c.kind === 'relative' ? text(c.change * 100) : f.change,
    baselineKind: c.kind === 'relative' ? c.baseline.kind : 'previous',
    periods:
      c.kind === 'relative' && c.baseline.kind === 'previous'
        ? String(c.baseline.periods)
        : f.periods,
    baselineFrom:
      c.kind === 'relative' && c.baseline.kind === 'fixed' ? c.baseline.from.slice(0, 10) : '',
    baselineTo:
      c.kind === 'relative' && c.baseline.kind === 'fixed' ? c.baseline.to.slice(0, 10) : '',
    wholeInterval: c.confidence === 'interval',
    hysteresis: text((c.hysteresis ?? 0) * 100),
    period: rule.period,
    minN: String(rule.minN),
    inApp: rule.notify.inApp,
    webhooks: rule.notify.webhooks,
    enabled: rule.enabled,
  };
}

/** The metric a form names (without checking that its ids are filled in). */
export function metricOf(f: TRuleForm): TMetricRef {
  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
  switch (f.metricKind) {
    case 'friction': {
      const narrowing = {
        touchpoint: opt(f.touchpoint),
        team: opt(f.team),
        stage: opt(f.stage),
        segment: opt(f.segment),
      };
      return {
        kind: 'friction',
        type: f.frictionType,
        per: f.per,
        ...Object.fromEntries(Object.entries(narrowing).filter(([, v]) => v !== undefined)),
      };
    }
    case 'stageConversion':
      return { kind: 'stageConversion', stage: f.stage };
    case 'momentSuccess':
      return { kind: 'momentSuccess', moment: f.moment };
    case 'momentSatisfaction':
      return { kind: 'momentSatisfaction', moment: f.moment, survey: f.survey.trim() };
  }
}

/** Whether the threshold is typed in percent (the metric is a share). */
export function thresholdInPercent(f: TRuleForm): boolean {
  return metricUnit(metricOf(f)) === 'share';
}

export type TFormResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Partial<Record<keyof TRuleForm, string>> };

const num = (s: string): number | undefined => {
  const t = s.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

/** The request body of a form (POST or PATCH), or why each field is not ready. */
export function bodyOf(f: TRuleForm): TFormResult {
  const errors: Partial<Record<keyof TRuleForm, string>> = {};
  if (f.name.trim() === '') errors.name = 'Give the rule a name.';
  if (f.metricKind === 'stageConversion' && f.stage === '') errors.stage = 'Choose a stage.';
  if (
    (f.metricKind === 'momentSuccess' || f.metricKind === 'momentSatisfaction') &&
    f.moment === ''
  ) {
    errors.moment = 'Choose a moment of truth.';
  }
  if (f.metricKind === 'momentSatisfaction' && f.survey.trim() === '') {
    errors.survey = 'Name the survey (csat, nps, ces…).';
  }
  const percent = thresholdInPercent(f);
  const threshold = num(f.threshold);
  const change = num(f.change);
  const periods = num(f.periods);
  const hysteresis = num(f.hysteresis) ?? 0;
  const minN = num(f.minN);
  if (f.conditionKind === 'absolute') {
    if (threshold === undefined) errors.threshold = 'Enter a number.';
    else if (percent && (threshold < 0 || threshold > 100)) {
      errors.threshold = 'A share is between 0 and 100%.';
    }
  } else {
    if (change === undefined || change <= 0) errors.change = 'Enter a change above 0%.';
    if (f.baselineKind === 'previous') {
      if (periods === undefined || !Number.isInteger(periods) || periods < 1 || periods > 52) {
        errors.periods = 'Between 1 and 52 periods.';
      }
    } else if (f.baselineFrom === '' || f.baselineTo === '') {
      errors.baselineFrom = 'Give the baseline period: from and to.';
    } else if (f.baselineFrom >= f.baselineTo) {
      errors.baselineTo = 'The end must come after the start.';
    }
  }
  if (hysteresis < 0 || hysteresis > 90) errors.hysteresis = 'Between 0 and 90% of the limit.';
  if (minN === undefined || !Number.isInteger(minN) || minN < 1) {
    errors.minN = 'A whole number, at least 1.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const common = {
    ...(f.direction === '' ? {} : { direction: f.direction }),
    ...(f.wholeInterval ? { confidence: 'interval' } : {}),
    ...(hysteresis === 0 ? {} : { hysteresis: hysteresis / 100 }),
  };
  const condition =
    f.conditionKind === 'absolute'
      ? { kind: 'absolute', threshold: percent ? (threshold ?? 0) / 100 : threshold, ...common }
      : {
          kind: 'relative',
          change: (change ?? 0) / 100,
          baseline:
            f.baselineKind === 'previous'
              ? { kind: 'previous', periods }
              : { kind: 'fixed', from: f.baselineFrom, to: f.baselineTo },
          ...common,
        };
  return {
    ok: true,
    body: {
      name: f.name.trim(),
      description: f.description.trim() === '' ? null : f.description.trim(),
      metric: metricOf(f),
      condition,
      period: f.period,
      minN,
      notify: { inApp: f.inApp, webhooks: f.webhooks },
      enabled: f.enabled,
    },
  };
}
