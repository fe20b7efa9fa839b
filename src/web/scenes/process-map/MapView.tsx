/**
 * Draws a laid-out process map as SVG, with zoom and pan: drag or the arrow keys to pan, the
 * wheel or + and − to zoom, 0 to fit. Colours are SVG presentation attributes, not CSS, so the
 * exported SVG and PNG look like the screen (src/web/ui/download.ts).
 */
import {
  useLayoutEffect,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
  type WheelEvent,
} from 'react';
import type { TMapEdge, TMapNode, TPathClass, TProcessGraph } from './graph.js';
import { pathOf, type TEdgeRoute, type TLayout } from '../../../analysis/process-layout.js';

const COLOURS: Record<TPathClass | 'variant', string> = {
  ideal: '#1d6f42',
  deviation: '#c2410c',
  plain: '#64748b',
  variant: '#1d4ed8',
};

const NODE_STYLE: Record<TMapNode['cls'], { fill: string; stroke: string; text: string }> = {
  ideal: { fill: '#e3f3e9', stroke: '#1d6f42', text: '#12381f' },
  deviation: { fill: '#fdece4', stroke: '#c2410c', text: '#5a1d05' },
  plain: { fill: '#ffffff', stroke: '#94a3b8', text: '#1f2933' },
  terminal: { fill: '#15233b', stroke: '#15233b', text: '#ffffff' },
};

type TView = { x: number; y: number; width: number; height: number };

const MAP_HEIGHT = 410;

export function MapView({
  graph,
  layout,
  svgRef,
}: {
  graph: TProcessGraph;
  layout: TLayout;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  const full: TView = { x: 0, y: 0, width: layout.width, height: layout.height };
  const [view, setView] = useState<TView>(full);
  const [drag, setDrag] = useState<{ x: number; y: number; view: TView } | undefined>();
  // A traced variant is brought into view; else the map opens on its start.
  const traced = graph.nodes.filter((n) => n.inVariant).map((n) => n.id);
  const tracedKey = traced.join('\n');
  useLayoutEffect(() => {
    const width = svgRef.current?.getBoundingClientRect().width ?? 0;
    const boxes = tracedKey === '' ? [] : tracedKey.split('\n').map((id) => layout.nodes[id]);
    const focus = boundingBox(boxes.filter((b) => b !== undefined));
    setView(
      focus === undefined
        ? openingView(layout, width, MAP_HEIGHT, layout.nodes.start)
        : around(focus, width, MAP_HEIGHT),
    );
  }, [layout, svgRef, tracedKey]);

  /** Map units per screen pixel (the view keeps its aspect inside the element). */
  const unitsPerPixel = (): number => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0) return 1;
    return Math.max(view.width / rect.width, view.height / rect.height);
  };
  const zoom = (factor: number, cx = view.x + view.width / 2, cy = view.y + view.height / 2) => {
    const width = clamp(view.width / factor, layout.width / 40, layout.width * 2);
    const height = (width / view.width) * view.height;
    setView({
      x: cx - ((cx - view.x) * width) / view.width,
      y: cy - ((cy - view.y) * height) / view.height,
      width,
      height,
    });
  };
  const pan = (dx: number, dy: number) => setView({ ...view, x: view.x + dx, y: view.y + dy });

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = 60 * unitsPerPixel();
    const keys: Record<string, () => void> = {
      ArrowLeft: () => pan(-step, 0),
      ArrowRight: () => pan(step, 0),
      ArrowUp: () => pan(0, -step),
      ArrowDown: () => pan(0, step),
      '+': () => zoom(1.25),
      '=': () => zoom(1.25),
      '-': () => zoom(0.8),
      '0': () => setView(full),
    };
    const action = keys[e.key];
    if (action !== undefined) {
      e.preventDefault();
      action();
    }
  };
  const onWheel = (e: WheelEvent<SVGSVGElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const u = unitsPerPixel();
    // The point under the cursor stays put (the view is centred in the element).
    const cx = view.x + view.width / 2 + (e.clientX - rect.left - rect.width / 2) * u;
    const cy = view.y + view.height / 2 + (e.clientY - rect.top - rect.height / 2) * u;
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, cx, cy);
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>): void => {
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ x: e.clientX, y: e.clientY, view });
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>): void => {
    if (drag === undefined) return;
    const u = unitsPerPixel();
    setView({
      ...drag.view,
      x: drag.view.x - (e.clientX - drag.x) * u,
      y: drag.view.y - (e.clientY - drag.y) * u,
    });
  };

  const dimmed = graph.edges.some((e) => e.inVariant);
  const nodes = graph.nodes.map((n) => ({ node: n, box: layout.nodes[n.id] }));
  return (
    <div className="map-frame">
      <div className="zoom-tools" role="group" aria-label="Zoom">
        <button
          type="button"
          className="secondary small"
          onClick={() => zoom(1.25)}
          aria-label="Zoom in"
        >
          +
        </button>
        <button
          type="button"
          className="secondary small"
          onClick={() => zoom(0.8)}
          aria-label="Zoom out"
        >
          −
        </button>
        <button type="button" className="secondary small" onClick={() => setView(full)}>
          Fit
        </button>
      </div>
      <div
        className="map-viewport"
        tabIndex={0}
        role="group"
        aria-label={`Process map: ${graph.nodes.length - 2} activities and ${graph.edges.length} transitions. Arrow keys pan, plus and minus zoom, 0 fits.`}
        onKeyDown={onKey}
      >
        <svg
          ref={svgRef}
          className={drag === undefined ? 'map' : 'map dragging'}
          viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
          preserveAspectRatio="xMidYMid meet"
          width="100%"
          height={MAP_HEIGHT}
          data-width={layout.width}
          data-height={layout.height}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => setDrag(undefined)}
          onPointerCancel={() => setDrag(undefined)}
          aria-hidden="true"
        >
          <defs>
            {(Object.keys(COLOURS) as (keyof typeof COLOURS)[]).map((k) => (
              <marker
                key={k}
                id={`jl-arrow-${k}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                markerUnits="userSpaceOnUse"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" fill={COLOURS[k]} />
              </marker>
            ))}
          </defs>
          <g>
            {graph.edges.map((e) => (
              <Edge
                key={e.id}
                edge={e}
                route={layout.edges[e.id]}
                dimmed={dimmed && !e.inVariant}
              />
            ))}
          </g>
          <g>
            {nodes.map(({ node, box }) =>
              box === undefined ? null : (
                <Node
                  key={node.id}
                  node={node}
                  box={box}
                  dimmed={dimmed && !node.inVariant && node.cls !== 'terminal'}
                />
              ),
            )}
          </g>
        </svg>
      </div>
    </div>
  );
}

function Edge({
  edge,
  route,
  dimmed,
}: {
  edge: TMapEdge;
  route: TEdgeRoute | undefined;
  dimmed: boolean;
}) {
  if (route === undefined || route.points.length < 2) return null;
  const colour = edge.inVariant ? COLOURS.variant : COLOURS[edge.cls];
  const key = edge.inVariant ? 'variant' : edge.cls;
  const label = route.label;
  return (
    <g
      data-kind="edge"
      data-class={edge.cls}
      data-variant={edge.inVariant ? 'yes' : undefined}
      opacity={dimmed ? 0.25 : 1}
    >
      <title>
        {`${edge.from ?? 'Start'} → ${edge.to ?? 'End'}: ${edge.count.toLocaleString('en-US')} journeys`}
      </title>
      <path
        d={pathOf(route.points)}
        fill="none"
        stroke={colour}
        strokeWidth={edge.inVariant ? Math.max(edge.width, 3) : edge.width}
        strokeOpacity={0.8}
        strokeLinejoin="round"
        markerEnd={`url(#jl-arrow-${key})`}
      />
      {label === null || edge.label === '' ? null : (
        <text
          x={label.x + label.width / 2}
          y={label.y + label.height / 2}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={10}
          fill={colour}
          stroke="#ffffff"
          strokeWidth={3}
          paintOrder="stroke"
        >
          {edge.label}
        </text>
      )}
    </g>
  );
}

function Node({
  node,
  box,
  dimmed,
}: {
  node: TMapNode;
  box: { x: number; y: number; width: number; height: number };
  dimmed: boolean;
}) {
  const style = NODE_STYLE[node.cls];
  return (
    <g
      data-kind="node"
      data-class={node.cls}
      data-variant={node.inVariant ? 'yes' : undefined}
      transform={`translate(${box.x},${box.y})`}
      opacity={dimmed ? 0.35 : 1}
    >
      <title>
        {node.activity === null
          ? `${node.label}: ${node.detail}`
          : `${node.activity} (${node.touchpoint ?? 'no touchpoint'}): ${node.count.toLocaleString('en-US')} events`}
      </title>
      <rect
        width={box.width}
        height={box.height}
        rx={node.cls === 'terminal' ? box.height / 2 : 6}
        fill={style.fill}
        stroke={node.inVariant ? COLOURS.variant : style.stroke}
        strokeWidth={node.inVariant ? 3 : 1.2}
      />
      <text
        x={box.width / 2}
        y={17}
        textAnchor="middle"
        fontSize={12}
        fontWeight={600}
        fill={style.text}
      >
        {node.label}
      </text>
      <text
        x={box.width / 2}
        y={33}
        textAnchor="middle"
        fontSize={10.5}
        fill={style.text}
        opacity={0.8}
      >
        {node.detail}
      </text>
    </g>
  );
}

function boundingBox(boxes: readonly TView[]): TView | undefined {
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** A view showing `box` with a margin, never closer than the natural size. */
function around(box: TView, pixelWidth: number, pixelHeight: number): TView {
  if (pixelWidth <= 0) return box;
  const margin = 60;
  const scale = Math.min(
    OPENING,
    pixelWidth / (box.width + 2 * margin),
    pixelHeight / (box.height + 2 * margin),
  );
  const width = pixelWidth / scale;
  const height = pixelHeight / scale;
  return {
    x: box.x + box.width / 2 - width / 2,
    y: box.y + box.height / 2 - height / 2,
    width,
    height,
  };
}

/** Below this scale the labels cannot be read: a large map opens on its start instead. */
const READABLE = 0.6;
const OPENING = 0.8;

/**
 * The view a map opens with: all of it when it can be read that way, else its beginning (the
 * start of the journeys, at the left) at a readable scale.
 */
export function openingView(
  layout: { width: number; height: number },
  pixelWidth: number,
  pixelHeight: number,
  start: { y: number; height: number } | undefined,
): TView {
  const full = { x: 0, y: 0, width: layout.width, height: layout.height };
  if (pixelWidth <= 0 || layout.width <= 0 || layout.height <= 0) return full;
  const fit = Math.min(pixelWidth / layout.width, pixelHeight / layout.height);
  if (fit >= READABLE) return full;
  const width = pixelWidth / OPENING;
  const height = pixelHeight / OPENING;
  const centre = start === undefined ? layout.height / 2 : start.y + start.height / 2;
  const y = clamp(
    centre - height / 2,
    Math.min(0, layout.height - height),
    Math.max(0, layout.height - height),
  );
  return { x: 0, y, width, height };
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
