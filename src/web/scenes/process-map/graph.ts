/**
 * The process map as a graph to draw: from the API's answer, the ideal journey to compare
 * with, the threshold under which transitions are hidden and the selected variant, it decides
 * which activities and transitions are shown, which lie on the ideal path and which deviate,
 * how thick each line is, and what the layout is asked. Pure: no DOM, no ELK.
 *
 * A transition is on the ideal path when the touchpoints of its two activities are one step
 * and a later one of the ideal journey with only optional steps between them, or the same
 * step when it is repeatable (what conformance forgives, src/analysis/alignment.ts); the start
 * and the end of the journeys stand before the first step and after the last.
 */
import type { TLayoutInput } from '../../../analysis/process-layout.js';
import type { TProcessMap, TProcessMapJourney } from '../../../model/process-map.js';
import { count, duration } from '../../ui/format.js';

export type TMeasure = 'frequency' | 'mean' | 'median';

/** `ideal`: on the ideal path; `deviation`: off it; `plain`: no ideal journey to compare. */
export type TPathClass = 'ideal' | 'deviation' | 'plain';

export type TMapNode = {
  id: string;
  /** The activity; null for the start and the end of the journeys. */
  activity: string | null;
  label: string;
  /** The second line: the touchpoint's name, or what the node is. */
  detail: string;
  touchpoint: string | null;
  /** Events of the activity; journeys for the start and the end. */
  count: number;
  cls: TPathClass | 'terminal';
  inVariant: boolean;
  width: number;
  height: number;
};

export type TMapEdge = {
  id: string;
  source: string;
  target: string;
  /** The activities at either end; null at the start or the end of the journeys. */
  from: string | null;
  to: string | null;
  count: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  cls: TPathClass;
  inVariant: boolean;
  /** Stroke width in pixels, by frequency. */
  width: number;
  label: string;
};

export type TProcessGraph = {
  nodes: TMapNode[];
  edges: TMapEdge[];
  /** Transitions and activities left out by the threshold. */
  hidden: { edges: number; nodes: number };
  total: { edges: number; nodes: number };
  /** What the layout is asked: sizes only, positions come back. */
  layoutInput: TLayoutInput;
};

export type TGraphOptions = {
  journey: TProcessMapJourney | null;
  /** Transitions with fewer journeys are hidden (those of the selected variant never are). */
  minCount: number;
  measure: TMeasure;
  /** The activities of the selected variant, in order. */
  variant?: readonly string[] | undefined;
};

export const START = 'start';
export const END = 'end';
const activityId = (activity: string): string => `a:${activity}`;

export const NODE_HEIGHT = 44;
const CHAR_WIDTH = 7;
const MAX_LABEL = 30;
const MIN_STROKE = 1;
const MAX_STROKE = 9;

/** A label no longer than `max` characters, cut with an ellipsis. */
export function shorten(text: string, max = MAX_LABEL): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Which step positions follow which: the moves of the ideal journey, start = -1, end = n. */
export function idealMoves(
  journey: TProcessMapJourney,
): (from: readonly number[], to: readonly number[]) => boolean {
  const steps = journey.steps;
  const allowed = (i: number, j: number): boolean => {
    if (j === i) return i >= 0 && i < steps.length && steps[i]?.repeatable === true;
    if (j < i) return false;
    for (let k = i + 1; k < j; k++) if (steps[k]?.optional !== true) return false;
    return true;
  };
  return (from, to) => from.some((i) => to.some((j) => allowed(i, j)));
}

/** The stroke width of a transition: by its share of the largest, on a square-root scale. */
export function strokeWidth(n: number, max: number): number {
  if (max <= 0) return MIN_STROKE;
  return MIN_STROKE + (MAX_STROKE - MIN_STROKE) * Math.sqrt(Math.max(0, n) / max);
}

/** Every threshold worth offering: the distinct transition counts, smallest first. */
export function thresholds(map: TProcessMap): number[] {
  const counts = new Set<number>([1]);
  for (const e of map.edges) counts.add(e.count);
  for (const a of map.activities) {
    if (a.starts > 0) counts.add(a.starts);
    if (a.ends > 0) counts.add(a.ends);
  }
  return [...counts].sort((a, b) => a - b);
}

/**
 * The threshold a map opens with: the smallest that shows at most `maxEdges` transitions, so a
 * large log opens readable (the slider shows the rest).
 */
export function defaultThreshold(map: TProcessMap, maxEdges = 150): number {
  const counts = [
    ...map.edges.map((e) => e.count),
    ...map.activities.flatMap((a) => [a.starts, a.ends]).filter((n) => n > 0),
  ].sort((a, b) => b - a);
  if (counts.length <= maxEdges) return 1;
  // Every transition as frequent as the (maxEdges+1)-th is hidden with it.
  return (counts[maxEdges] ?? 0) + 1;
}

export function buildProcessGraph(map: TProcessMap, options: TGraphOptions): TProcessGraph {
  const { journey, minCount, measure } = options;
  const names = map.names.touchpoints;
  const touchpointOf = new Map(map.activities.map((a) => [a.activity, a.touchpoint]));
  const positions = new Map<string, number[]>();
  journey?.steps.forEach((s, i) =>
    positions.set(s.touchpoint, [...(positions.get(s.touchpoint) ?? []), i]),
  );
  const moves = journey === null ? undefined : idealMoves(journey);
  const last = journey?.steps.length ?? 0;
  const at = (activity: string | null): number[] => {
    if (activity === null) return [];
    const tp = touchpointOf.get(activity);
    return tp === null || tp === undefined ? [] : (positions.get(tp) ?? []);
  };
  const classOf = (from: number[], to: number[]): TPathClass =>
    moves === undefined ? 'plain' : moves(from, to) ? 'ideal' : 'deviation';

  const variantSteps = options.variant ?? [];
  const variantEdges = new Set<string>();
  if (variantSteps.length > 0) {
    const path = [START, ...variantSteps.map(activityId), END];
    for (let i = 1; i < path.length; i++) variantEdges.add(`${path[i - 1]}→${path[i]}`);
  }

  type TDraft = Omit<TMapEdge, 'id' | 'inVariant' | 'width' | 'label'>;
  const drafts: TDraft[] = [];
  for (const a of map.activities) {
    if (a.starts > 0) {
      drafts.push({
        source: START,
        target: activityId(a.activity),
        from: null,
        to: a.activity,
        count: a.starts,
        meanSeconds: null,
        medianSeconds: null,
        cls: classOf([-1], at(a.activity)),
      });
    }
  }
  for (const e of map.edges) {
    drafts.push({
      source: activityId(e.from),
      target: activityId(e.to),
      from: e.from,
      to: e.to,
      count: e.count,
      meanSeconds: e.meanSeconds,
      medianSeconds: e.medianSeconds,
      cls: classOf(at(e.from), at(e.to)),
    });
  }
  for (const a of map.activities) {
    if (a.ends > 0) {
      drafts.push({
        source: activityId(a.activity),
        target: END,
        from: a.activity,
        to: null,
        count: a.ends,
        meanSeconds: null,
        medianSeconds: null,
        cls: classOf(at(a.activity), [last]),
      });
    }
  }

  const max = Math.max(0, ...drafts.map((d) => d.count));
  const edges: TMapEdge[] = [];
  drafts.forEach((d, i) => {
    const inVariant = variantEdges.has(`${d.source}→${d.target}`);
    if (d.count < minCount && !inVariant) return;
    const seconds = measure === 'mean' ? d.meanSeconds : d.medianSeconds;
    edges.push({
      ...d,
      id: `e${i}`,
      inVariant,
      width: strokeWidth(d.count, max),
      label: measure === 'frequency' ? count(d.count) : seconds === null ? '' : duration(seconds),
    });
  });

  const connected = new Set(edges.flatMap((e) => [e.source, e.target]));
  const variantNodes = new Set(variantSteps.map(activityId));
  const journeys = map.cases;
  const all: TMapNode[] = [
    terminal(START, 'Start', `${count(journeys)} journeys`, journeys),
    ...map.activities.map((a): TMapNode => {
      const id = activityId(a.activity);
      const tp = a.touchpoint;
      const label = shorten(a.activity);
      const detail = `${tp === null ? 'no touchpoint' : shorten(names[tp] ?? tp, 22)} · ${count(a.count)}`;
      return {
        id,
        activity: a.activity,
        label,
        detail,
        touchpoint: tp,
        count: a.count,
        cls: moves === undefined ? 'plain' : at(a.activity).length > 0 ? 'ideal' : 'deviation',
        inVariant: variantNodes.has(id),
        width: nodeWidth(label, detail),
        height: NODE_HEIGHT,
      };
    }),
    terminal(END, 'End', `${count(journeys)} journeys`, journeys),
  ];
  const nodes = all.filter((n) => connected.has(n.id));
  const activityNodes = (list: readonly TMapNode[]) =>
    list.filter((n) => n.activity !== null).length;
  return {
    nodes,
    edges,
    hidden: {
      edges: drafts.length - edges.length,
      nodes: activityNodes(all) - activityNodes(nodes),
    },
    total: { edges: drafts.length, nodes: activityNodes(all) },
    layoutInput: layoutInput(nodes, edges),
  };
}

function terminal(id: string, label: string, detail: string, n: number): TMapNode {
  return {
    id,
    activity: null,
    label,
    detail,
    touchpoint: null,
    count: n,
    cls: 'terminal',
    inVariant: false,
    width: nodeWidth(label, detail),
    height: NODE_HEIGHT,
  };
}

function nodeWidth(label: string, detail: string): number {
  return Math.max(90, Math.ceil(Math.max(label.length, detail.length * 0.85) * CHAR_WIDTH) + 20);
}

/** The boxes and lines to place, with room for each transition's label. */
function layoutInput(nodes: readonly TMapNode[], edges: readonly TMapEdge[]): TLayoutInput {
  return {
    nodes: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label === '' ? null : { width: e.label.length * 6 + 6, height: 14 },
    })),
  };
}
