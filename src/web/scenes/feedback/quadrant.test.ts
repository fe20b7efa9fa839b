import { describe, expect, it } from 'vitest';
import { quadrants } from '../../../analysis/driver-quadrant.js';
import { niceStep, quadrantLayout, ticksOver, type TDriverInput } from './quadrant.js';

// The demo company's CSAT drivers (importance, share of answers free of the friction).
const figures: [string, number, number][] = [
  ['repeat_contact', 0.2616, 0.8632],
  ['wait', 0.2404, 0.8865],
  ['channel_switch', 0.1989, 0.9083],
  ['failure', 0.1095, 0.9343],
  ['abandonment', 0.0814, 0.9576],
  ['handoff', 0.0632, 0.9056],
  ['loop', 0.0449, 0.9166],
];
const split = quadrants(
  figures.map(([, importance, performance]) => ({ importance, performance })),
);
const drivers: TDriverInput[] = figures.map(([feature, importance, performance], i) => ({
  feature,
  label: feature,
  importance,
  performance,
  quadrant: split.quadrants[i] ?? 'lower priority',
}));

describe('quadrantLayout', () => {
  const layout = quadrantLayout(drivers, {
    importance: split.importanceMedian,
    performance: split.performanceMedian,
  });

  it('puts every point in the corner of its quadrant', () => {
    expect(split.quadrants).toEqual([
      'fix first',
      'fix first',
      'keep up',
      'keep up',
      'possible overkill',
      'lower priority',
      'possible overkill',
    ]);
    for (const p of layout.points) {
      const high = p.y <= layout.medianY;
      const performing = p.x >= layout.medianX;
      const expected = high
        ? performing
          ? 'keep up'
          : 'fix first'
        : performing
          ? 'possible overkill'
          : 'lower priority';
      expect([p.feature, expected]).toEqual([p.feature, p.quadrant]);
    }
    const corner = (q: string) => layout.corners.find((c) => c.quadrant === q);
    expect(corner('fix first')?.x).toBeLessThan(layout.medianX);
    expect(corner('keep up')?.x).toBeGreaterThan(layout.medianX);
    expect(corner('lower priority')?.y).toBeGreaterThan(layout.medianY);
  });

  it('spans the points with a margin, not 0–1', () => {
    expect(layout.xDomain[0]).toBeCloseTo(0.8632 - 0.0944 * 0.15, 4);
    expect(layout.xDomain[1]).toBeCloseTo(0.9576 + 0.0944 * 0.15, 4);
    // The most important, 26.2%, × 1.1 is 28.8%: up to 30% in steps of 10%.
    expect(layout.yDomain).toEqual([0, 0.3]);
    expect(layout.yTicks.map((t) => t.value)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(layout.xTicks.map((t) => t.value)).toEqual([0.85, 0.875, 0.9, 0.925, 0.95]);
    for (const p of layout.points) {
      expect(p.x).toBeGreaterThan(layout.plot.left);
      expect(p.x).toBeLessThan(layout.plot.right);
      expect(p.y).toBeGreaterThan(layout.plot.top);
      expect(p.y).toBeLessThan(layout.plot.bottom);
    }
  });

  it('keeps labels on the same side at least a line apart', () => {
    for (const a of layout.points) {
      for (const b of layout.points) {
        if (a === b || a.anchor !== b.anchor || Math.abs(a.labelX - b.labelX) >= 110) continue;
        expect(Math.abs(a.labelY - b.labelY)).toBeGreaterThanOrEqual(13);
      }
    }
  });
});

describe('round ticks', () => {
  it.each([
    [0.3, 0.1],
    [0.12, 0.025],
    [0.0944, 0.02],
    [8, 2],
  ])('a range of %d steps by %d', (range, step) => {
    expect(niceStep(range)).toBeCloseTo(step, 12);
  });

  it('lists the round values inside the domain', () => {
    expect(ticksOver([0.849, 0.972])).toEqual([0.85, 0.875, 0.9, 0.925, 0.95]);
    expect(ticksOver([0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
