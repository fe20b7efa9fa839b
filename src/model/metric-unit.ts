/**
 * The unit a metric's value is given in, decided from the metric's reference alone, so the
 * server (alert webhooks) and the web app (rule forms, the alert inbox) word it the same way.
 * `measureMetric` (src/service/metrics/measure.ts) gives each measurement its unit; this is the
 * one it will give. Pure.
 */

/** What a value is: a share 0–1, a rate per 1,000 journeys, NPS points or a mean score. */
export type TMetricUnit = 'share' | 'per 1,000 journeys' | 'NPS points' | 'mean score';

/** The part of a metric reference (src/service/metrics/metric-ref.ts) the unit depends on. */
export type TMetricUnitRef =
  | { kind: 'friction'; per?: 'customer' | 'journeys' | undefined }
  | { kind: 'stageConversion' | 'momentSuccess' }
  | { kind: 'momentSatisfaction'; survey: string };

/**
 * Null for a satisfaction other than NPS, whose unit (a satisfied share or a mean score)
 * depends on the survey's scale.
 *
 * @example metricUnit({ kind: 'friction', per: 'journeys' }) // "per 1,000 journeys"
 * @example metricUnit({ kind: 'momentSatisfaction', survey: 'nps' }) // "NPS points"
 */
export function metricUnit(ref: TMetricUnitRef): TMetricUnit | null {
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
