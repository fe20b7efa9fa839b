/**
 * A metric's values in the app's number formats (src/web/ui/format.ts): a share as a
 * percentage, a rate per 1,000 journeys, NPS points, a mean score. The unit of a metric is
 * src/model/metric-unit.ts, shared with the server.
 */
import type { TMetricUnit } from '../../../model/metric-unit.js';
import { decimal, NONE, percent, signed } from '../../ui/format.js';

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
