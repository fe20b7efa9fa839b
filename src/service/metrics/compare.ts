/**
 * A measured metric and the comparison of two measurements (before and after a change): the
 * difference after − before with its 95% interval and a direction-aware verdict. Pure and
 * free of Node code (the web app reads the types; the statistics are those of
 * src/analysis/statistics.ts and rate-interval.ts).
 *
 * Verdict rule: `improved` when the interval of the difference lies wholly on the better side
 * of 0 (below 0 for a friction, above 0 for everything else), `worse` when it lies wholly on
 * the other side, `no change` when it contains 0, and `insufficient data` when either side has
 * too few observations for an interval.
 */
import { poissonRate, rateDifference } from '../../analysis/rate-interval.js';
import {
  meanInterval,
  newcombe,
  npsDifference,
  npsInterval,
  welch,
  wilson,
  type TInterval,
} from '../../analysis/statistics.js';
import type { TMetricUnit } from '../../model/metric-unit.js';
import { lowerIsBetter, type TMetricRef } from './metric-ref.js';

export type { TMetricUnit };

/** The counts a value comes from: enough to recompute it and to compare two periods. */
export type TMeasurementBasis =
  | { kind: 'proportion'; successes: number; trials: number }
  | { kind: 'rate'; events: number; exposure: number; per: number }
  | { kind: 'nps'; promoters: number; detractors: number; n: number }
  | { kind: 'mean'; n: number; sum: number; sumSquares: number };

export type TMeasurement = {
  metric: TMetricRef;
  /** The period measured, ISO instants; `to` is excluded. */
  from: string;
  to: string;
  /** Null when there is nothing to measure (n = 0) or too few answers to show. */
  value: number | null;
  /** Observations behind the value: customers, journeys, occurrences or responses. */
  n: number;
  /** 95% interval; null when n is too small to say. */
  interval: [number, number] | null;
  unit: TMetricUnit;
  /** The exact definition in words, with the period. */
  definition: string;
  basis: TMeasurementBasis;
};

export type TVerdict = 'improved' | 'no change' | 'worse' | 'insufficient data';

export type TComparison = {
  /** after − before, in the metric's unit; null when a side has no value. */
  difference: number | null;
  /** 95% interval of the difference. */
  interval: [number, number] | null;
  /** (after − before) / before, when before is not 0. */
  relative: number | null;
  lowerIsBetter: boolean;
  verdict: TVerdict;
  /** The verdict in words, with the numbers. */
  explanation: string;
};

const pair = (i: TInterval): [number, number] | null =>
  i.low === null || i.high === null ? null : [i.low, i.high];

/** The value and interval a basis gives (used by measureMetric, kept here for one definition). */
export function estimate(basis: TMeasurementBasis): TInterval {
  switch (basis.kind) {
    case 'proportion':
      return wilson(basis.successes, basis.trials);
    case 'rate':
      return poissonRate(basis.events, basis.exposure, basis.per);
    case 'nps':
      return npsInterval(basis.promoters, basis.detractors, basis.n);
    case 'mean':
      return meanInterval(basis);
  }
}

/** Observations behind a basis. */
export function basisSize(basis: TMeasurementBasis): number {
  switch (basis.kind) {
    case 'proportion':
      return basis.trials;
    case 'rate':
      return basis.exposure;
    case 'nps':
    case 'mean':
      return basis.n;
  }
}

function difference(after: TMeasurementBasis, before: TMeasurementBasis): TInterval {
  if (after.kind === 'proportion' && before.kind === 'proportion') {
    return newcombe(after.successes, after.trials, before.successes, before.trials);
  }
  if (after.kind === 'rate' && before.kind === 'rate') {
    return rateDifference(
      { k: after.events, exposure: after.exposure },
      { k: before.events, exposure: before.exposure },
      after.per,
    );
  }
  if (after.kind === 'nps' && before.kind === 'nps') return npsDifference(after, before);
  if (after.kind === 'mean' && before.kind === 'mean') return welch(after, before);
  throw new Error(`cannot compare a ${before.kind} measurement with a ${after.kind} one`);
}

const sameMetric = (a: TMetricRef, b: TMetricRef): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Formats a value of the unit for the explanation. */
export function formatMetricValue(value: number, unit: TMetricUnit): string {
  if (unit === 'share') return `${(100 * value).toFixed(1)}%`;
  if (unit === 'NPS points') return value.toFixed(1);
  return value.toFixed(2);
}

const formatDifference = (value: number, unit: TMetricUnit): string => {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const magnitude = Math.abs(value);
  return unit === 'share'
    ? `${sign}${(100 * magnitude).toFixed(1)} points`
    : `${sign}${formatMetricValue(magnitude, unit)}`;
};

/**
 * Before versus after on the same metric: after − before with its 95% interval and the
 * verdict (see the header).
 * @example compareMetric(before, after).verdict // 'improved'
 */
export function compareMetric(before: TMeasurement, after: TMeasurement): TComparison {
  if (!sameMetric(before.metric, after.metric)) {
    throw new Error('before and after must measure the same metric');
  }
  const lower = lowerIsBetter(after.metric);
  const base = { lowerIsBetter: lower };
  if (before.value === null || after.value === null) {
    const side = before.value === null ? 'before' : 'after';
    return {
      ...base,
      difference: null,
      interval: null,
      relative: null,
      verdict: 'insufficient data',
      explanation: `nothing to compare: the period ${side} the change has ${
        (side === 'before' ? before : after).n
      } observations`,
    };
  }
  const d = difference(after.basis, before.basis);
  const interval = pair(d);
  const relative = before.value === 0 ? null : (after.value - before.value) / before.value;
  const unit = after.unit;
  const numbers = `${formatMetricValue(before.value, unit)} → ${formatMetricValue(after.value, unit)} (${formatDifference(d.value, unit)}${
    interval === null
      ? ''
      : `, 95% interval ${formatDifference(interval[0], unit)} to ${formatDifference(interval[1], unit)}`
  })`;
  if (interval === null) {
    return {
      ...base,
      difference: d.value,
      interval,
      relative,
      verdict: 'insufficient data',
      explanation: `${numbers}: too few observations for an interval`,
    };
  }
  const [low, high] = interval;
  const better = lower ? high < 0 : low > 0;
  const worse = lower ? low > 0 : high < 0;
  const verdict: TVerdict = better ? 'improved' : worse ? 'worse' : 'no change';
  const why =
    verdict === 'no change'
      ? 'the interval contains 0, so the change may be chance'
      : `the interval excludes 0 (${lower ? 'lower' : 'higher'} is better)`;
  return {
    ...base,
    difference: d.value,
    interval,
    relative,
    verdict,
    explanation: `${numbers}: ${verdict}; ${why}`,
  };
}
