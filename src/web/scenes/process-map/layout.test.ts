/**
 * The process map stays readable at 60 activities: ELK's layered layout (the bundled engine,
 * the one the server runs in a worker thread) puts no two activities on top of each other, every line
 * starts and ends on its activities, and no label covers an activity.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { TProcessMap } from '../../../model/process-map.js';
import { buildProcessGraph } from './graph.js';
import { layoutGraph, overlaps, pathOf, type TBox } from '../../../analysis/process-layout.js';

const ACTIVITIES = 60;

/**
 * A synthetic log's map: a main path through 60 activities of 12 touchpoints, with detours
 * two steps ahead, loops one step back, and long names, as real logs have.
 */
function syntheticMap(): TProcessMap {
  const name = (i: number) => (i % 7 === 0 ? `activity ${i} with a rather long name` : `act ${i}`);
  const edges: TProcessMap['edges'] = [];
  const add = (a: number, b: number, count: number) =>
    edges.push({ from: name(a), to: name(b), count, meanSeconds: count, medianSeconds: count });
  for (let i = 0; i + 1 < ACTIVITIES; i++) add(i, i + 1, 100 - i);
  for (let i = 0; i + 2 < ACTIVITIES; i += 3) add(i, i + 2, 10 + (i % 5));
  for (let i = 5; i < ACTIVITIES; i += 5) add(i, i - 1, 3);
  for (let i = 0; i + 17 < ACTIVITIES; i += 11) add(i, i + 17, 2);
  return {
    modelVersion: 1,
    computedAt: '2025-01-01T00:00:00Z',
    filter: {
      segment: null,
      channel: null,
      from: null,
      to: null,
      fromInstant: null,
      toInstant: null,
    },
    cases: 100,
    events: 5000,
    activities: Array.from({ length: ACTIVITIES }, (_, i) => ({
      activity: name(i),
      count: 100 - i,
      starts: i === 0 ? 95 : i === 1 ? 5 : 0,
      ends: i === ACTIVITIES - 1 ? 90 : i === 30 ? 10 : 0,
      touchpoint: `tp${Math.floor(i / 5)}`,
    })),
    edges,
    variantsTotal: 1,
    variants: [],
    caseDurationSeconds: null,
    idealJourney: null,
    choices: { segments: [], channels: [], months: [], idealJourneys: [] },
    names: { touchpoints: {} },
  };
}

const inside = (p: { x: number; y: number }, b: TBox, slack = 1): boolean =>
  p.x >= b.x - slack &&
  p.x <= b.x + b.width + slack &&
  p.y >= b.y - slack &&
  p.y <= b.y + b.height + slack;

describe('the layout of a 60-activity map', () => {
  it('overlaps no activities and routes every transition between its ends', async () => {
    const map = syntheticMap();
    const journey = {
      id: 'ideal',
      name: 'Ideal',
      segment: 's',
      steps: Array.from({ length: 12 }, (_, i) => ({
        touchpoint: `tp${i}`,
        optional: false,
        repeatable: true,
      })),
    };
    const graph = buildProcessGraph(map, { journey, minCount: 1, measure: 'frequency' });
    expect(graph.nodes.length).toBe(ACTIVITIES + 2);
    expect(graph.edges.length).toBe(map.edges.length + 4);

    const layout = await layoutGraph(new ELK(), graph.layoutInput);
    expect(Object.keys(layout.nodes)).toHaveLength(ACTIVITIES + 2);
    expect(overlaps(layout.nodes)).toEqual([]);
    for (const box of Object.values(layout.nodes)) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
      expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
    }
    for (const e of graph.edges) {
      const route = layout.edges[e.id];
      const points = route?.points ?? [];
      expect(points.length, e.id).toBeGreaterThanOrEqual(2);
      const [first, last] = [points[0], points[points.length - 1]];
      if (first === undefined || last === undefined) throw new Error(`${e.id} has no route`);
      expect(inside(first, layout.nodes[e.source] as TBox), `${e.id} starts on its source`).toBe(
        true,
      );
      expect(inside(last, layout.nodes[e.target] as TBox), `${e.id} ends on its target`).toBe(true);
      expect(pathOf(points)).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
      // A label never sits on an activity.
      if (route !== undefined && route.label !== null) {
        const withLabel = { ...layout.nodes, label: route.label };
        expect(overlaps(withLabel).filter((pair) => pair.includes('label'))).toEqual([]);
      }
    }
    // Left to right: the start is left of the first activity, the end right of the last.
    const x = (id: string) => layout.nodes[id]?.x ?? NaN;
    expect(x('start')).toBeLessThan(x('a:act 1'));
    expect(x('end')).toBeGreaterThan(x('a:act 58'));
  });

  it('finds overlapping boxes, and not boxes that only touch', () => {
    const boxes: Record<string, TBox> = {
      a: { x: 0, y: 0, width: 10, height: 10 },
      b: { x: 10, y: 0, width: 10, height: 10 },
      c: { x: 5, y: 5, width: 10, height: 10 },
    };
    expect(overlaps(boxes)).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });
});
