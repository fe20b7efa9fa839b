/**
 * Numbers of alerts in words, for the webhook payload and the server's messages: a value in its
 * unit (a share as a percentage, a rate per 1,000 journeys, NPS points, a mean score). The unit
 * of a metric is src/model/metric-unit.ts, shared with the web app. Pure.
 */
import type { TMetricUnit } from '../../model/metric-unit.js';

const round = (x: number, digits: number): string =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/**
 * @example formatValue('share', 0.0725) // "7.25%"
 * @example formatValue('per 1,000 journeys', 12.345) // "12.35 per 1,000 journeys"
 */
export function formatValue(unit: TMetricUnit | null, value: number | null): string {
  if (value === null) return 'no value';
  switch (unit) {
    case null:
      return round(value, 4);
    case 'share':
      return `${round(value * 100, 2)}%`;
    case 'per 1,000 journeys':
      return `${round(value, 2)} per 1,000 journeys`;
    case 'NPS points':
      return `${value > 0 ? '+' : ''}${round(value, 1)} NPS`;
    case 'mean score':
      return round(value, 2);
  }
}

/** A 95% interval in the unit, e.g. "5.1%–10.2%"; empty when there is none. */
export function formatInterval(
  unit: TMetricUnit | null,
  low: number | null,
  high: number | null,
): string {
  if (low === null || high === null) return '';
  return `${formatValue(unit, low)}–${formatValue(unit, high)}`;
}

/** The range a threshold must lie in for the unit, or null when any number will do. */
export function thresholdRange(unit: TMetricUnit): [number, number] | null {
  switch (unit) {
    case 'share':
      return [0, 1];
    case 'NPS points':
      return [-100, 100];
    case 'per 1,000 journeys':
      return [0, Number.MAX_SAFE_INTEGER];
    case 'mean score':
      return null;
  }
}
