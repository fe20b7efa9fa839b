/**
 * The friction trend chart, built from GET /api/friction/trend: every period from the first
 * to the last (a period without occurrences counts zero, it is not skipped), one line per
 * value of the breakdown (the largest first; beyond `maxLines` they are summed into "Other"),
 * and the geometry of the SVG — scales, ticks, paths. Pure: the component only draws it.
 */
import type { TFrictionTrend, TGrain } from './types.js';

/** The ISO date after `iso` by one period. */
function next(iso: string, grain: TGrain): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every period from `first` to `last` inclusive (ISO dates of the periods' first days). */
export function periodRange(first: string, last: string, grain: TGrain): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = next(p, grain)) {
    out.push(p);
    if (out.length > 20_000) throw new Error(`too many periods from ${first} to ${last}`);
  }
  return out;
}

export type TTrendLine = {
  /** The breakdown's value; `null` for none (no segment), `other` for the folded rest. */
  value: string | null;
  key: string;
  label: string;
  color: string;
  /** Occurrences over the whole period. */
  total: number;
  /** Occurrences per period, in the order of `periods`. */
  counts: number[];
};

export const OTHER = '\u0000other';

/** Colour-blind-safe categorical colours (Tableau 10), then grey for "Other". */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
];
const OTHER_COLOR = '#9aa3ad';

export type TTrendData = Pick<TFrictionTrend, 'series' | 'values'>;

/** The periods and one line per value, largest total first. */
export function trendLines(
  trend: TTrendData,
  grain: TGrain,
  label: (value: string | null) => string,
  maxLines = PALETTE.length,
): { periods: string[]; lines: TTrendLine[] } {
  const periods =
    trend.series.length === 0
      ? []
      : periodRange(
          trend.series.reduce((a, s) => (s.period < a ? s.period : a), '9999'),
          trend.series.reduce((a, s) => (s.period > a ? s.period : a), '0000'),
          grain,
        );
  const index = new Map(periods.map((p, i) => [p, i]));
  const ordered = [...trend.values].sort(
    (a, b) => b.occurrences - a.occurrences || String(a.value).localeCompare(String(b.value)),
  );
  const fold = ordered.length > maxLines;
  const kept = fold ? ordered.slice(0, maxLines - 1) : ordered;
  const keyOf = (v: string | null): string => (v === null ? '\u0000none' : v);
  const lines: TTrendLine[] = kept.map((v, i) => ({
    value: v.value,
    key: keyOf(v.value),
    label: label(v.value),
    color: PALETTE[i % PALETTE.length] ?? OTHER_COLOR,
    total: v.occurrences,
    counts: periods.map(() => 0),
  }));
  const other: TTrendLine = {
    value: OTHER,
    key: OTHER,
    label: `Other (${ordered.length - kept.length})`,
    color: OTHER_COLOR,
    total: ordered.slice(kept.length).reduce((n, v) => n + v.occurrences, 0),
    counts: periods.map(() => 0),
  };
  const byKey = new Map(lines.map((l) => [l.key, l]));
  for (const s of trend.series) {
    const line = byKey.get(keyOf(s.value)) ?? (fold ? other : undefined);
    const i = index.get(s.period);
    if (line === undefined || i === undefined) continue;
    line.counts[i] = (line.counts[i] ?? 0) + s.occurrences;
  }
  return { periods, lines: fold ? [...lines, other] : lines };
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const whole = Math.max(1, step);
  const ticks: number[] = [];
  for (let v = 0; v < max + whole; v += whole) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period as people read it: "Mar 14, 2025", "Week of Mar 10, 2025", "Mar 2025". */
export function periodLabel(iso: string, grain: TGrain): string {
  const [y = '', m = '1', d = '1'] = iso.split('-');
  const month = MONTHS[Number(m) - 1] ?? m;
  if (grain === 'month') return `${month} ${y}`;
  const day = `${month} ${Number(d)}, ${y}`;
  return grain === 'week' ? `Week of ${day}` : day;
}

export type TChartSize = {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
};

export const CHART_SIZE: TChartSize = {
  width: 880,
  height: 260,
  left: 48,
  right: 24,
  top: 12,
  bottom: 28,
};

export type TTrendChart = {
  size: TChartSize;
  /** x of each period. */
  xs: number[];
  yTicks: { value: number; y: number }[];
  /** Labelled periods: the start of each month (of each year when there are many). */
  xTicks: { index: number; x: number; label: string }[];
  paths: { key: string; color: string; d: string }[];
  /** The band of each period (for its tooltip). */
  bands: { x: number; width: number }[];
};

const r1 = (x: number): number => Math.round(x * 10) / 10;

export function trendChart(
  periods: readonly string[],
  lines: readonly TTrendLine[],
  grain: TGrain,
  size: TChartSize = CHART_SIZE,
): TTrendChart {
  const plotW = size.width - size.left - size.right;
  const plotH = size.height - size.top - size.bottom;
  const max = Math.max(0, ...lines.flatMap((l) => l.counts));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const n = periods.length;
  const x = (i: number): number => size.left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number): number => size.top + plotH - (plotH * v) / top;
  const xs = periods.map((_, i) => r1(x(i)));
  const band = n <= 1 ? plotW : plotW / (n - 1);
  return {
    size,
    xs,
    yTicks: ticks.map((value) => ({ value, y: r1(y(value)) })),
    xTicks: xTicks(periods, grain).map(({ index, label }) => ({ index, x: r1(x(index)), label })),
    paths: lines.map((l) => ({
      key: l.key,
      color: l.color,
      d: l.counts.map((c, i) => `${i === 0 ? 'M' : 'L'}${xs[i]} ${r1(y(c))}`).join(' '),
    })),
    bands: xs.map((px) => ({ x: r1(Math.max(size.left, px - band / 2)), width: r1(band) })),
  };
}

/** The periods that start a month (every period for months), thinned to about 12. */
export function xTicks(
  periods: readonly string[],
  grain: TGrain,
): { index: number; label: string }[] {
  const starts: number[] = [];
  periods.forEach((p, i) => {
    const prev = periods[i - 1];
    if (grain === 'month' || prev === undefined || prev.slice(0, 7) !== p.slice(0, 7))
      starts.push(i);
  });
  const every = Math.max(1, Math.ceil(starts.length / 12));
  return starts
    .filter((_, k) => k % every === 0)
    .map((index, k) => {
      const p = periods[index] ?? '';
      const [y = '', m = '1'] = p.split('-');
      const month = MONTHS[Number(m) - 1] ?? m;
      // The year on the first tick and on every January.
      return { index, label: k === 0 || m === '01' ? `${month} ${y}` : month };
    });
}
