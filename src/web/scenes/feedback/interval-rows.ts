/**
 * The interval chart of satisfaction metrics: one row per value (a touchpoint, a month...),
 * the headline figure as a dot and its 95% interval as a bar on a shared axis, and rows
 * below the minimum n marked suppressed instead of drawn. The axis is the measure's whole
 * range (0–100% for CSAT, −100…+100 for NPS, the scale for a mean), so two charts of the same
 * kind compare at a glance. Pure.
 */
import type { TMeasure } from './feedback-format.js';

export type TIntervalInput = {
  key: string;
  label: string;
  n: number;
  suppressed: boolean;
  score: { value: number; low: number | null; high: number | null } | null;
};

export type TScaleRange = { min: number; max: number } | null;

/** The axis of a measure: the whole range it can take. */
export function intervalDomain(
  measure: TMeasure,
  scale: TScaleRange,
  rows: readonly TIntervalInput[],
): [number, number] {
  if (measure === 'satisfied share') return [0, 1];
  if (measure === 'nps') return [-100, 100];
  if (scale !== null) return [scale.min, scale.max];
  const xs = rows.flatMap((r) =>
    r.score === null ? [] : [r.score.low ?? r.score.value, r.score.high ?? r.score.value],
  );
  if (xs.length === 0) return [0, 1];
  const lo = Math.floor(Math.min(...xs));
  const hi = Math.ceil(Math.max(...xs));
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** Tick values: quarters of a share, fifty-point steps of NPS, whole points of a scale. */
export function intervalTicks(measure: TMeasure, [lo, hi]: [number, number]): number[] {
  if (measure === 'satisfied share') return [0, 0.25, 0.5, 0.75, 1];
  if (measure === 'nps') return [-100, -50, 0, 50, 100];
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  const ticks: number[] = [];
  for (let v = Math.ceil(lo); v <= hi; v += step) ticks.push(v);
  return ticks;
}

export type TIntervalLayout = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: { value: number; x: number }[];
  /** x of the reference line (the overall figure), when given. */
  reference: number | null;
  rows: (TIntervalInput & { y: number; x: number | null; x1: number | null; x2: number | null })[];
};

export const INTERVAL_SIZE = {
  width: 880,
  labelWidth: 220,
  nWidth: 70,
  rowHeight: 24,
  top: 8,
  axis: 26,
};

const r1 = (x: number): number => Math.round(x * 10) / 10;

export function intervalLayout(
  rows: readonly TIntervalInput[],
  domain: [number, number],
  ticks: readonly number[],
  reference: number | null = null,
  size = INTERVAL_SIZE,
): TIntervalLayout {
  const left = size.labelWidth;
  const right = size.width - size.nWidth;
  const [lo, hi] = domain;
  const x = (v: number): number =>
    r1(left + ((right - left) * (Math.min(hi, Math.max(lo, v)) - lo)) / (hi - lo));
  const top = size.top;
  const bottom = top + rows.length * size.rowHeight;
  return {
    width: size.width,
    height: bottom + size.axis,
    plot: { left, right, top, bottom },
    ticks: ticks.map((value) => ({ value, x: x(value) })),
    reference: reference === null ? null : x(reference),
    rows: rows.map((r, i) => {
      const s = r.suppressed ? null : r.score;
      return {
        ...r,
        y: top + i * size.rowHeight + size.rowHeight / 2,
        x: s === null ? null : x(s.value),
        x1: s === null || s.low === null ? null : x(s.low),
        x2: s === null || s.high === null ? null : x(s.high),
      };
    }),
  };
}
