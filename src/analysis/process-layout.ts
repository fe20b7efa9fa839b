/**
 * Laying out the process map with ELK's layered algorithm: what the layout is asked (boxes
 * and lines with their sizes only, no names), the ELK graph made from it, and where
 * everything went, read back as plain JSON. Shared by the server, which runs ELK (warm, in a
 * worker thread, with a cache) and the web app, which draws. Pure: the ELK instance is passed
 * in; never draws.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export type TPoint = { x: number; y: number };
export type TBox = { x: number; y: number; width: number; height: number };
export type TSize = { width: number; height: number };

/** What a layout is asked: the boxes and the lines between them, with their labels' sizes. */
export type TLayoutInput = {
  nodes: ({ id: string } & TSize)[];
  edges: { id: string; source: string; target: string; label: TSize | null }[];
};

export type TEdgeRoute = { points: TPoint[]; label: TBox | null };

export type TLayout = {
  width: number;
  height: number;
  nodes: Record<string, TBox>;
  /** Each line, from its source to its target, and its label's box. */
  edges: Record<string, TEdgeRoute>;
};

export type TLayoutEngine = { layout(graph: ElkNode): Promise<ElkNode> };

/** The most a layout is asked to place: far beyond a readable map, well within a second. */
export const LAYOUT_LIMITS = { nodes: 400, edges: 1500 } as const;

/** Layered, left to right, with room for each line's label. */
export function elkGraph(input: TLayoutInput): ElkNode {
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.edgeLabel': '2',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
    },
    children: input.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: input.edges.map((e): ElkExtendedEdge => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      ...(e.label === null ? {} : { labels: [{ text: '', ...e.label }] }),
    })),
  };
}

/** Lays the input out with `engine` and reads back every box and line. */
export async function layoutGraph(engine: TLayoutEngine, input: TLayoutInput): Promise<TLayout> {
  const out = await engine.layout(elkGraph(input));
  const nodes: Record<string, TBox> = {};
  for (const c of out.children ?? []) {
    nodes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
  }
  const edges: Record<string, TEdgeRoute> = {};
  for (const e of out.edges ?? []) {
    const points = (e.sections ?? []).flatMap((s) => [
      s.startPoint,
      ...(s.bendPoints ?? []),
      s.endPoint,
    ]);
    const l = e.labels?.[0];
    const label =
      l === undefined
        ? null
        : { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 };
    edges[e.id] = { points, label };
  }
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}

/** The pairs of boxes that overlap (touching edges do not count). */
export function overlaps(boxes: Readonly<Record<string, TBox>>): [string, string][] {
  const list = Object.entries(boxes);
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
