/**
 * Monthly series for the report: one month axis for the whole analysis (a month without
 * occurrences is a zero, not a gap), series filled onto it, and the conformance of all ideal
 * journeys together per month.
 */
import { monthRange } from '../../analysis/trend.js';
import type { TAnalysis } from '../../service/analyze.js';

/** Every `YYYY-MM` from the first month the analysis mentions to the last. */
export function monthAxis(a: TAnalysis): string[] {
  const seen: string[] = [];
  for (const instant of [a.period.from, a.period.to]) if (instant !== null) seen.push(instant);
  for (const f of a.friction) for (const p of f.perMonth) seen.push(p.period);
  for (const j of a.conformance.trend) for (const m of j.months) seen.push(m.month);
  const months = seen.map((s) => s.slice(0, 7)).sort();
  const first = months[0];
  const last = months[months.length - 1];
  return first === undefined || last === undefined ? [] : monthRange(first, last);
}

/** Values per month onto the axis, zero where a month has none. */
export function onAxis(
  axis: readonly string[],
  points: readonly { month: string; value: number }[],
): number[] {
  const byMonth = new Map<string, number>();
  for (const p of points) {
    const m = p.month.slice(0, 7);
    byMonth.set(m, (byMonth.get(m) ?? 0) + p.value);
  }
  return axis.map((m) => byMonth.get(m) ?? 0);
}
