/**
 * The key-driver quadrant as an SVG scatter: importance up, performance right, the median
 * lines, each quadrant named in its corner, each point named. Geometry from quadrant.ts.
 */
import { ChartFrame } from '../../ui/ChartFrame.js';
import { percent } from '../../ui/format.js';
import type { TQuadrantLayout } from './quadrant.js';

const CORNER_NAMES: Record<string, string> = {
  'fix first': 'Fix first',
  'keep up': 'Keep up',
  'lower priority': 'Lower priority',
  'possible overkill': 'Possible overkill',
};
const COLORS: Record<string, string> = {
  'fix first': '#b42318',
  'keep up': '#1d6f42',
  'lower priority': '#64748b',
  'possible overkill': '#b54708',
};

export function QuadrantChart({
  layout,
  medians,
  title,
  fileName,
}: {
  layout: TQuadrantLayout;
  medians: { importance: number; performance: number };
  title: string;
  fileName: string;
}) {
  const { plot } = layout;
  return (
    <ChartFrame
      className="feedback-chart quadrant"
      fileName={fileName}
      size={layout}
      fontSize={11}
      title={title}
      caption={
        <figcaption className="muted">
          The dashed lines are the medians: importance {percent(medians.importance)}, performance{' '}
          {percent(medians.performance)}. The split ranks the frictions against each other.
        </figcaption>
      }
    >
      <rect
        x={plot.left}
        y={plot.top}
        width={plot.right - plot.left}
        height={plot.bottom - plot.top}
        fill="#fbfcfe"
        stroke="#d5dbe3"
      />
      {layout.xTicks.map((t) => (
        <text key={`x${t.value}`} x={t.x} y={plot.bottom + 15} textAnchor="middle" fill="#64748b">
          {percent(t.value)}
        </text>
      ))}
      {layout.yTicks.map((t) => (
        <text key={`y${t.value}`} x={plot.left - 6} y={t.y + 4} textAnchor="end" fill="#64748b">
          {percent(t.value, 0)}
        </text>
      ))}
      <line
        x1={layout.medianX}
        x2={layout.medianX}
        y1={plot.top}
        y2={plot.bottom}
        stroke="#94a3b8"
        strokeDasharray="4 3"
      />
      <line
        x1={plot.left}
        x2={plot.right}
        y1={layout.medianY}
        y2={layout.medianY}
        stroke="#94a3b8"
        strokeDasharray="4 3"
      />
      {layout.corners.map((c) => (
        <text
          key={c.quadrant}
          x={c.x}
          y={c.y}
          textAnchor={c.anchor}
          fill={COLORS[c.quadrant]}
          fontWeight="600"
          fontSize="12"
        >
          {CORNER_NAMES[c.quadrant]}
        </text>
      ))}
      {layout.points.map((p) => (
        <g key={p.feature}>
          <circle cx={p.x} cy={p.y} r={5} fill={COLORS[p.quadrant]}>
            <title>
              {`${p.label}: importance ${percent(p.importance)}, ${percent(p.performance)} of answers free of it (${p.quadrant})`}
            </title>
          </circle>
          <text x={p.labelX} y={p.labelY} textAnchor={p.anchor} fill="#1f2933">
            {p.label}
          </text>
        </g>
      ))}
      <text
        x={(plot.left + plot.right) / 2}
        y={layout.height - 8}
        textAnchor="middle"
        fill="#475569"
      >
        Performance: share of answers free of the friction →
      </text>
      <text
        transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
        fill="#475569"
      >
        Importance: share of R² →
      </text>
    </ChartFrame>
  );
}
