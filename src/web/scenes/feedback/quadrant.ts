/**
 * The key-driver quadrant: each friction type as a point, importance (its share of what the
 * model explains) up, performance (the share of answers free of it) right, split at the
 * medians into the four quadrants of src/analysis/driver-quadrant.ts. The axes span the
 * points, not 0–1: performance shares cluster near 1 and would otherwise overlap. Labels are
 * nudged apart when two points sit close. Pure.
 */
import type { TQuadrant } from '../../../analysis/driver-quadrant.js';

export type TDriverInput = {
  feature: string;
  label: string;
  importance: number;
  performance: number;
  quadrant: TQuadrant;
};

export type TQuadrantLayout = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xDomain: [number, number];
  yDomain: [number, number];
  medianX: number;
  medianY: number;
  xTicks: { value: number; x: number }[];
  yTicks: { value: number; y: number }[];
  points: (TDriverInput & {
    x: number;
    y: number;
    labelX: number;
    labelY: number;
    anchor: 'start' | 'end';
  })[];
  /** Where each quadrant's name is written: in its corner. */
  corners: { quadrant: TQuadrant; x: number; y: number; anchor: 'start' | 'end' }[];
};

export const QUADRANT_SIZE = { width: 560, height: 380, left: 56, right: 16, top: 16, bottom: 44 };

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts `range` into about five. */
export function niceStep(range: number): number {
  const rough = range / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
}

/** The round values inside a domain. */
export function ticksOver([lo, hi]: [number, number]): number[] {
  const step = niceStep(hi - lo);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) {
    ticks.push(Math.round(k * step * 1e9) / 1e9 + 0);
  }
  return ticks;
}

export function quadrantLayout(
  drivers: readonly TDriverInput[],
  medians: { importance: number; performance: number },
  size = QUADRANT_SIZE,
): TQuadrantLayout {
  const perf = [...drivers.map((d) => d.performance), medians.performance];
  const imp = [...drivers.map((d) => d.importance), medians.importance];
  const pMin = Math.min(...perf);
  const pMax = Math.max(...perf);
  const pad = Math.max(0.01, (pMax - pMin) * 0.15);
  const xDomain: [number, number] = [Math.max(0, pMin - pad), Math.min(1, pMax + pad)];
  // Up to a round value above the most important driver.
  const yStep = niceStep(Math.max(0.01, Math.max(...imp) * 1.1));
  const yTop = Math.ceil((Math.max(...imp) * 1.1) / yStep) * yStep;
  const yDomain: [number, number] = [0, Math.round(yTop * 1e9) / 1e9];
  const plot = {
    left: size.left,
    right: size.width - size.right,
    top: size.top,
    bottom: size.height - size.bottom,
  };
  const x = (v: number): number =>
    r1(plot.left + ((plot.right - plot.left) * (v - xDomain[0])) / (xDomain[1] - xDomain[0]));
  const y = (v: number): number =>
    r1(plot.bottom - ((plot.bottom - plot.top) * (v - yDomain[0])) / (yDomain[1] - yDomain[0]));
  const points = drivers.map((d) => {
    const px = x(d.performance);
    const py = y(d.importance);
    const rightHalf = px > (plot.left + plot.right) / 2;
    return {
      ...d,
      x: px,
      y: py,
      labelX: rightHalf ? px - 7 : px + 7,
      labelY: py + 4,
      anchor: rightHalf ? ('end' as const) : ('start' as const),
    };
  });
  // Labels closer than a line apart, on the same side, move down one after the other.
  const byY = [...points].sort((a, b) => a.labelY - b.labelY);
  for (let i = 1; i < byY.length; i++) {
    const p = byY[i];
    if (p === undefined) continue;
    for (let j = 0; j < i; j++) {
      const q = byY[j];
      if (q === undefined || q.anchor !== p.anchor) continue;
      if (Math.abs(q.labelX - p.labelX) < 110 && p.labelY - q.labelY < 13) p.labelY = q.labelY + 13;
    }
  }
  const inset = 8;
  return {
    width: size.width,
    height: size.height,
    plot,
    xDomain,
    yDomain,
    medianX: x(medians.performance),
    medianY: y(medians.importance),
    xTicks: ticksOver(xDomain).map((value) => ({ value, x: x(value) })),
    yTicks: ticksOver(yDomain).map((value) => ({ value, y: y(value) })),
    points,
    corners: [
      { quadrant: 'fix first', x: plot.left + inset, y: plot.top + 14, anchor: 'start' },
      { quadrant: 'keep up', x: plot.right - inset, y: plot.top + 14, anchor: 'end' },
      { quadrant: 'lower priority', x: plot.left + inset, y: plot.bottom - inset, anchor: 'start' },
      {
        quadrant: 'possible overkill',
        x: plot.right - inset,
        y: plot.bottom - inset,
        anchor: 'end',
      },
    ],
  };
}
