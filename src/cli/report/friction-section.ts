/**
 * Friction: per type and touchpoint, how often, for how many customers, per month and where
 * it is heading; then where it concentrates (by segment, stage, team and channel) and the
 * journeys bounced between teams (ping-pong).
 */
import { FRICTION_TYPES, frictionLabel } from '../../model/gap-kinds.js';
import type { TBreakdownRow } from '../../service/analyze-friction.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock, type TCell, type TSection } from './document.js';
import { count, counted, month, percent, perMonth, trend } from './format.js';
import { UNKNOWN } from './labels.js';
import { onAxis } from './series.js';

const FRICTION_ROWS = 25;
const BREAKDOWN_ROWS = 15;
const TYPE_ORDER: readonly string[] = FRICTION_TYPES;

/**
 * A per-month series as a cell: its range as text, its shape drawn by the printer, every month
 * in the label. Shares (`format` = percent) are drawn on a 0–100% scale, counts on their own
 * maximum.
 */
export function monthlyCell(
  months: readonly string[],
  values: readonly number[],
  format: (x: number) => string = count,
): TCell {
  if (values.length === 0) return '–';
  const low = Math.min(...values);
  const high = Math.max(...values);
  const max = format === percent ? 1 : undefined;
  return {
    text: low === high ? format(low) : `${format(low)}–${format(high)}`,
    spark: [...values],
    ...(max === undefined ? {} : { sparkMax: max }),
    sparkLabel: months.map((m, i) => `${month(m)}: ${format(values[i] ?? 0)}`).join(', '),
  };
}

function breakdown(
  title: string,
  rows: readonly TBreakdownRow[],
  name: (value: string | null) => string,
): TBlock[] {
  const present = new Set(rows.map((r) => r.type));
  const types = [
    ...TYPE_ORDER.filter((t) => present.has(t)),
    ...[...present].filter((t) => !TYPE_ORDER.includes(t)).sort(),
  ];
  const byValue = new Map<
    string,
    { value: string | null; total: number; cells: Map<string, number> }
  >();
  for (const r of rows) {
    const key = r.value ?? '\u0000';
    const entry = byValue.get(key) ?? { value: r.value, total: 0, cells: new Map() };
    entry.total += r.occurrences;
    entry.cells.set(r.type, (entry.cells.get(r.type) ?? 0) + r.occurrences);
    byValue.set(key, entry);
  }
  const sorted = [...byValue.values()].sort(
    (x, y) => y.total - x.total || name(x.value).localeCompare(name(y.value), 'en'),
  );
  return [
    { kind: 'heading', text: title },
    boundedTable(
      [
        { label: title.replace(/^By /, '') },
        { label: 'all friction', numeric: true },
        ...types.map((t) => ({ label: frictionLabel(t), numeric: true })),
      ],
      sorted.map((e) => [
        name(e.value),
        count(e.total),
        ...types.map((t) => count(e.cells.get(t) ?? 0)),
      ]),
      BREAKDOWN_ROWS,
      'rows',
    ),
  ];
}

export function frictionSection(ctx: TReportContext): TSection {
  const { analysis: a, labels, months } = ctx;
  const total = a.friction.reduce((s, f) => s + f.occurrences, 0);
  if (a.friction.length === 0) {
    return {
      id: 'friction',
      title: 'Friction',
      blocks: [{ kind: 'paragraph', text: 'No friction detected in these journeys.' }],
    };
  }
  const b = a.frictionBreakdowns;
  const asIs = (v: string | null): string => v ?? UNKNOWN;
  const pp = a.pingPong;
  return {
    id: 'friction',
    title: 'Friction',
    blocks: [
      {
        kind: 'paragraph',
        text:
          `${counted(total, 'occurrence')} of friction at ${counted(a.friction.length, '(type, touchpoint) pair')}, most frequent first. ` +
          `Per month is the average over the ${perMonth(a.period.months)} months observed; ` +
          'the trend is the slope of the monthly counts (the first and last, usually partial, months left out from five months on).',
      },
      boundedTable(
        [
          { label: 'friction' },
          { label: 'touchpoint' },
          { label: 'stage' },
          { label: 'owning team' },
          { label: 'occurrences', numeric: true },
          { label: 'customers', numeric: true },
          { label: 'per month', numeric: true },
          { label: 'by month' },
          { label: 'trend' },
        ],
        a.friction.map((f) => [
          frictionLabel(f.type),
          labels.touchpoint(f.touchpoint),
          f.stage,
          labels.team(f.team),
          count(f.occurrences),
          count(f.customers),
          perMonth(f.occurrences / (a.period.months || 1)),
          monthlyCell(
            months,
            onAxis(
              months,
              f.perMonth.map((p) => ({ month: p.period, value: p.occurrences })),
            ),
          ),
          trend(f.trend),
        ]),
        FRICTION_ROWS,
        '(type, touchpoint) pairs',
      ),
      { kind: 'paragraph', text: 'Occurrences of each type of friction, by where they happen:' },
      ...breakdown('By segment', b.segment, (v) => labels.segment(v)),
      ...breakdown('By stage', b.stage, asIs),
      ...breakdown('By team', b.team, (v) => labels.team(v)),
      ...breakdown('By channel', b.channel, asIs),
      { kind: 'heading', text: 'Ping-pong between teams' },
      {
        kind: 'paragraph',
        text:
          pp.journeys === 0
            ? 'No journey was handed back and forth between teams.'
            : `${counted(pp.journeys, 'journey')} of ${counted(pp.customers, 'customer')} ${pp.journeys === 1 ? 'was' : 'were'} handed back and forth between teams. Examples:`,
      },
      ...(pp.examples.length === 0
        ? []
        : [
            boundedTable(
              [{ label: 'journey' }, { label: 'stage' }, { label: 'teams, in order' }],
              pp.examples.map((e) => [
                e.journey,
                e.stage,
                e.teams.map((t) => labels.team(t)).join(' → '),
              ]),
              pp.examples.length,
              'examples',
            ),
          ]),
    ],
  };
}
