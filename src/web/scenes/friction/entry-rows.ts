/**
 * The rows of the friction table: each entry (type × touchpoint) with the names people read,
 * its rate per month over the analysed period, its trend in words, and a sparkline of its
 * months. Pure.
 */
import type { TNames } from '../../../service/analyze.js';
import { frictionLabel } from '../../../model/gap-kinds.js';
import type { TFrictionEntry } from './types.js';

export type TEntryRow = {
  key: string;
  type: string;
  typeLabel: string;
  touchpoint: string;
  touchpointName: string;
  stage: string;
  team: string;
  teamName: string;
  customers: number;
  occurrences: number;
  /** Occurrences per average month of the analysed period; null without a period. */
  perMonth: number | null;
  trend: TFrictionEntry['trend'];
  /** Occurrences of each month of `span` (zero where the series has none). */
  months: { period: string; occurrences: number }[];
};

export function entryRows(
  entries: readonly TFrictionEntry[],
  months: number,
  names: Pick<TNames, 'touchpoints' | 'teams'>,
  span: readonly string[] = [],
): TEntryRow[] {
  return entries.map((e) => {
    const byMonth = new Map(e.perMonth.map((p) => [p.period, p.occurrences]));
    const periods = span.length > 0 ? span : e.perMonth.map((p) => p.period);
    return {
      key: `${e.type}|${e.touchpoint}`,
      type: e.type,
      typeLabel: frictionLabel(e.type),
      touchpoint: e.touchpoint,
      touchpointName: names.touchpoints[e.touchpoint] ?? e.touchpoint,
      stage: e.stage,
      team: e.team,
      teamName: names.teams[e.team] ?? e.team,
      customers: e.customers,
      occurrences: e.occurrences,
      perMonth: months > 0 ? e.occurrences / months : null,
      trend: e.trend,
      months: periods.map((period) => ({ period, occurrences: byMonth.get(period) ?? 0 })),
    };
  });
}

/** "rising 9.0% a month", "falling 12.5% a month", "flat". */
export function trendText(trend: TFrictionEntry['trend']): string {
  if (trend.direction === 'flat') return 'flat';
  const pct = Math.abs(trend.relative * 100).toLocaleString('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${trend.direction} ${pct}% a month`;
}

/** The path of a sparkline of `values` in a `width` × `height` box (0 at the bottom). */
export function sparkline(values: readonly number[], width = 80, height = 20): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length === 1 ? 0 : width / (values.length - 1);
  return values
    .map((v, i) => {
      const x = Math.round(i * step * 10) / 10;
      const y = Math.round((height - (height * v) / max) * 10) / 10;
      return `${i === 0 ? 'M' : 'L'}${x} ${y}`;
    })
    .join(' ');
}
