/**
 * A metric's values in the app's number formats (src/web/ui/format.ts): a share as a
 * percentage, a rate per 1,000 journeys, NPS points, a mean score. The unit of a metric is
 * the one measureMetric gives (src/service/metrics/measure.ts, and unitOf in
 * src/service/alerts/alert-format.ts for webhooks); the web app cannot load either.
 */
import type { TMetricRef, TMetricUnit } from '../../../service/alerts/alert-types.js';
import { decimal, NONE, percent, signed } from '../../ui/format.js';

/** Null for a satisfaction other than NPS: its unit depends on the survey's scale. */
export function unitOfMetric(ref: TMetricRef): TMetricUnit | null {
  switch (ref.kind) {
    case 'friction':
      return ref.per === 'journeys' ? 'per 1,000 journeys' : 'share';
    case 'stageConversion':
    case 'momentSuccess':
      return 'share';
    case 'momentSatisfaction':
      return ref.survey.toLowerCase() === 'nps' ? 'NPS points' : null;
  }
}

export function metricValue(unit: TMetricUnit | null, value: number | null): string {
  if (value === null) return NONE;
  switch (unit) {
    case 'share':
      return percent(value);
    case 'per 1,000 journeys':
      return `${decimal(value, 1)} per 1,000 journeys`;
    case 'NPS points':
      return `${signed(value)} NPS`;
    case 'mean score':
      return decimal(value, 2);
    case null:
      return String(Math.round(value * 1000) / 1000);
  }
}

/** "6.0%–11.0%"; empty when there is no interval. */
export function metricInterval(
  unit: TMetricUnit | null,
  low: number | null,
  high: number | null,
): string {
  if (low === null || high === null) return '';
  return `${metricValue(unit, low)}–${metricValue(unit, high)}`;
}
