/**
 * Laying out the process map with ELK's layered algorithm and reading back where everything
 * went. The ELK instance is passed in: the app runs it in a web worker (process-map-elk.ts),
 * the tests run the bundled one in Node. Never draws.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';

export type TPoint = { x: number; y: number };
export type TBox = { x: number; y: number; width: number; height: number };

export type TLayout = {
  width: number;
  height: number;
  nodes: Map<string, TBox>;
  /** Each transition's line, from its source to its target, and its label's box. */
  edges: Map<string, { points: TPoint[]; label: TBox | undefined }>;
};

export type TLayoutEngine = { layout(graph: ElkNode): Promise<ElkNode> };

export async function layoutGraph(engine: TLayoutEngine, graph: ElkNode): Promise<TLayout> {
  const out = await engine.layout(graph);
  const nodes = new Map<string, TBox>();
  for (const c of out.children ?? []) {
    nodes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
  }
  const edges = new Map<string, { points: TPoint[]; label: TBox | undefined }>();
  for (const e of out.edges ?? []) {
    const points = (e.sections ?? []).flatMap((s) => [
      s.startPoint,
      ...(s.bendPoints ?? []),
      s.endPoint,
    ]);
    const l = e.labels?.[0];
    const label =
      l === undefined
        ? undefined
        : { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 };
    edges.set(e.id, { points, label });
  }
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}

/** The pairs of boxes that overlap (touching edges do not count). */
export function overlaps(boxes: ReadonlyMap<string, TBox>): [string, string][] {
  const list = [...boxes];
  const found: [string, string][] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [ia, a] = list[i] as [string, TBox];
      const [ib, b] = list[j] as [string, TBox];
      const apart =
        a.x + a.width <= b.x ||
        b.x + b.width <= a.x ||
        a.y + a.height <= b.y ||
        b.y + b.height <= a.y;
      if (!apart) found.push([ia, ib]);
    }
  }
  return found;
}

/** An SVG path through the points. */
export function pathOf(points: readonly TPoint[]): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
}
