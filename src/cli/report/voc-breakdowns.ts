/**
 * Satisfaction where it happens: one table per touchpoint, stage, segment, team and channel,
 * a row per value and, per survey kind, its measure with interval beside its n. Suppressed
 * figures read "n < 30", never a number. The values with the most answers first, bounded;
 * the answers tied to none last.
 */
import type { TFeedbackMetric } from '../../service/analyze-feedback.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock, type TCell } from './document.js';
import { count, NONE } from './format.js';
import { figure, kindNames, kindOrder } from './satisfaction-format.js';

/** Rows in each table. */
export const BREAKDOWN_ROWS = 15;

type TDimension = 'touchpoint' | 'stage' | 'segment' | 'team' | 'channel';

/** The tables, in the order a CX lead drills down, with the name of a missing value. */
const DIMENSIONS: [TDimension, none: string][] = [
  ['touchpoint', '(no touchpoint)'],
  ['stage', '(no stage)'],
  ['segment', '(no segment)'],
  ['team', '(no team)'],
  ['channel', '(no channel)'],
];

function breakdown(
  ctx: TReportContext,
  by: TDimension,
  none: string,
  metrics: readonly TFeedbackMetric[],
): TBlock[] {
  const { labels, analysis } = ctx;
  const f = analysis.feedback;
  const name = kindNames(f);
  const kinds = [...new Set(metrics.map((m) => m.kind))].sort(kindOrder);
  const show = (value: string | null): string => {
    if (value === null || value === '') return none;
    if (by === 'touchpoint') return labels.touchpoint(value);
    if (by === 'segment') return labels.segment(value);
    return by === 'team' ? labels.team(value) : value;
  };
  const rows = new Map<string, { label: string; n: number; cells: Map<string, TFeedbackMetric> }>();
  for (const m of metrics) {
    const key = m.value ?? '\u0000';
    const row = rows.get(key) ?? { label: show(m.value), n: 0, cells: new Map() };
    row.n += m.n;
    row.cells.set(m.kind, m);
    rows.set(key, row);
  }
  // Answers tied to no value of the dimension come last, whatever their number.
  const sorted = [...rows]
    .sort(
      ([kx, x], [ky, y]) =>
        Number(kx === '\u0000') - Number(ky === '\u0000') ||
        y.n - x.n ||
        x.label.localeCompare(y.label, 'en'),
    )
    .map(([, row]) => row);
  return [
    { kind: 'heading', text: `Satisfaction by ${by}` },
    boundedTable(
      [
        { label: by },
        ...kinds.flatMap((k) => [
          { label: `${name(k)} (95% interval)`, numeric: true },
          { label: `${name(k)} n`, numeric: true },
        ]),
      ],
      sorted.map((row): TCell[] => [
        row.label,
        ...kinds.flatMap((k) => {
          const m = row.cells.get(k);
          return m === undefined ? [NONE, NONE] : [figure(m, f.minResponses), count(m.n)];
        }),
      ]),
      BREAKDOWN_ROWS,
      `${by === 'touchpoint' ? 'touchpoints' : `${by}s`}`,
    ),
  ];
}

export function breakdownBlocks(ctx: TReportContext): TBlock[] {
  const metrics = ctx.analysis.feedback.metrics;
  const tables = DIMENSIONS.flatMap(([by, none]) =>
    metrics[by].length === 0 ? [] : breakdown(ctx, by, none, metrics[by]),
  );
  if (tables.length === 0) return [];
  const [heading, ...rest] = tables;
  return [
    ...(heading === undefined ? [] : [heading]),
    {
      kind: 'paragraph',
      text:
        'Each kind in its measure (CSAT: share satisfied; NPS: promoters − detractors; others: mean score) ' +
        'with its 95% interval and n; the values with the most answers first.',
    },
    ...rest,
  ];
}
