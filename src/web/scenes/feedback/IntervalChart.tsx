/**
 * Satisfaction per value with its 95% interval: a dot for the figure, a bar for the interval,
 * n at the right, and "suppressed" where there are fewer answers than the minimum. The
 * dashed line is the kind's overall figure. Geometry from interval-rows.ts.
 */
import { ChartFrame } from '../../ui/ChartFrame.js';
import { count } from '../../ui/format.js';
import { measureInterval, measureValue, type TMeasure } from './feedback-format.js';
import type { TIntervalLayout } from './interval-rows.js';

export function IntervalChart({
  layout,
  measure,
  minResponses,
  title,
  fileName,
}: {
  layout: TIntervalLayout;
  measure: TMeasure;
  minResponses: number;
  title: string;
  fileName: string;
}) {
  const { plot } = layout;
  const tick = (v: number): string => measureValue(measure, v).replace('.0%', '%');
  return (
    <ChartFrame
      className="feedback-chart"
      fileName={fileName}
      size={layout}
      fontSize={12}
      title={title}
    >
      {layout.ticks.map((t) => (
        <g key={t.value}>
          <line x1={t.x} x2={t.x} y1={plot.top} y2={plot.bottom} stroke="#e2e8f0" />
          <text x={t.x} y={plot.bottom + 16} textAnchor="middle" fill="#64748b">
            {tick(t.value)}
          </text>
        </g>
      ))}
      {layout.reference === null ? null : (
        <line
          x1={layout.reference}
          x2={layout.reference}
          y1={plot.top}
          y2={plot.bottom}
          stroke="#64748b"
          strokeDasharray="4 3"
        />
      )}
      <text x={plot.right + 8} y={plot.top + 4} fill="#64748b" fontSize="10">
        n
      </text>
      {layout.rows.map((r) => (
        <g key={r.key}>
          <text x={plot.left - 10} y={r.y + 4} textAnchor="end" fill="#1f2933">
            {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
          </text>
          {r.x === null ? (
            <text x={plot.left + 6} y={r.y + 4} fill="#94a3b8" fontStyle="italic">
              suppressed: n {count(r.n)} is below {count(minResponses)}
            </text>
          ) : (
            <>
              {r.x1 === null || r.x2 === null ? null : (
                <>
                  <line
                    x1={r.x1}
                    x2={r.x2}
                    y1={r.y}
                    y2={r.y}
                    stroke="#1d4ed8"
                    strokeWidth={3}
                    strokeOpacity={0.35}
                  />
                  <line x1={r.x1} x2={r.x1} y1={r.y - 5} y2={r.y + 5} stroke="#1d4ed8" />
                  <line x1={r.x2} x2={r.x2} y1={r.y - 5} y2={r.y + 5} stroke="#1d4ed8" />
                </>
              )}
              <circle cx={r.x} cy={r.y} r={4.5} fill="#1d4ed8">
                <title>
                  {`${r.label}: ${measureValue(measure, r.score?.value)} (95% interval ${measureInterval(measure, r.score?.low, r.score?.high)}), n ${count(r.n)}`}
                </title>
              </circle>
            </>
          )}
          <text x={layout.width - 4} y={r.y + 4} textAnchor="end" fill="#64748b">
            {count(r.n)}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}
