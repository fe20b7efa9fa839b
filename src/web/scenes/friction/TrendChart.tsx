/**
 * The friction trend as an SVG line chart (geometry from trend-series.ts), with a legend, a
 * tooltip per period, and SVG/PNG downloads. Drawn with presentation attributes so the
 * exported file looks like the screen.
 */
import { ChartFrame } from '../../ui/ChartFrame.js';
import { count } from '../../ui/format.js';
import { periodLabel, trendChart, type TTrendLine } from './trend-series.js';
import type { TGrain } from './types.js';

export function TrendChart({
  periods,
  lines,
  grain,
  title,
  fileName,
}: {
  periods: readonly string[];
  lines: readonly TTrendLine[];
  grain: TGrain;
  title: string;
  fileName: string;
}) {
  const chart = trendChart(periods, lines, grain);
  const { size } = chart;
  const totals = periods.map((_, i) => lines.reduce((n, l) => n + (l.counts[i] ?? 0), 0));
  const peak = totals.reduce((best, v, i) => (v > (totals[best] ?? 0) ? i : best), 0);
  const first = periods[0];
  const last = periods[periods.length - 1];
  const description =
    first === undefined || last === undefined
      ? 'No occurrences.'
      : `From ${periodLabel(first, grain)} to ${periodLabel(last, grain)}; the most, ` +
        `${count(totals[peak])}, in ${periodLabel(periods[peak] ?? first, grain)}.`;
  return (
    <ChartFrame
      className="friction-chart"
      fileName={fileName}
      size={size}
      fontSize={11}
      title={title}
      description={{ id: 'friction-chart', text: description }}
      caption={
        <figcaption>
          <ul className="legend" aria-label="Legend">
            {lines.map((l) => (
              <li key={l.key}>
                <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                {l.label} <span className="muted">{count(l.total)}</span>
              </li>
            ))}
          </ul>
        </figcaption>
      }
    >
      {chart.yTicks.map((t) => (
        <g key={t.value}>
          <line
            x1={size.left}
            x2={size.width - size.right}
            y1={t.y}
            y2={t.y}
            stroke={t.value === 0 ? '#94a3b8' : '#e2e8f0'}
          />
          <text x={size.left - 6} y={t.y + 4} textAnchor="end" fill="#64748b">
            {count(t.value)}
          </text>
        </g>
      ))}
      {chart.xTicks.map((t) => (
        <g key={t.index}>
          <line
            x1={t.x}
            x2={t.x}
            y1={size.height - size.bottom}
            y2={size.height - size.bottom + 4}
            stroke="#94a3b8"
          />
          <text x={t.x} y={size.height - size.bottom + 16} textAnchor="middle" fill="#64748b">
            {t.label}
          </text>
        </g>
      ))}
      {chart.paths.map((p) => (
        <path
          key={p.key}
          d={p.d}
          fill="none"
          stroke={p.color}
          strokeWidth={periods.length > 120 ? 1.2 : 2}
          strokeLinejoin="round"
        />
      ))}
      {periods.length <= 60
        ? chart.paths.map((p, k) =>
            (lines[k]?.counts ?? []).map((c, i) =>
              c > 0 ? (
                <circle
                  key={`${p.key}-${i}`}
                  cx={chart.xs[i]}
                  cy={pointY(chart, c)}
                  r={2.5}
                  fill={p.color}
                />
              ) : null,
            ),
          )
        : null}
      {chart.bands.map((b, i) => (
        <rect
          key={i}
          x={b.x}
          y={size.top}
          width={b.width}
          height={size.height - size.top - size.bottom}
          fill="transparent"
        >
          <title>
            {`${periodLabel(periods[i] ?? '', grain)}: ${count(totals[i])} occurrences` +
              lines
                .filter((l) => (l.counts[i] ?? 0) > 0)
                .map((l) => `\n${l.label}: ${count(l.counts[i])}`)
                .join('')}
          </title>
        </rect>
      ))}
    </ChartFrame>
  );
}

/** The y of a count on the chart's scale (the top tick is the scale's maximum). */
function pointY(chart: ReturnType<typeof trendChart>, value: number): number {
  const bottom = chart.yTicks[0];
  const top = chart.yTicks[chart.yTicks.length - 1];
  if (bottom === undefined || top === undefined || top.value === 0) return bottom?.y ?? 0;
  return bottom.y + ((top.y - bottom.y) * value) / top.value;
}
