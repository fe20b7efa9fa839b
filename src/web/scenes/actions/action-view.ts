/**
 * What the actions screen shows, decided apart from React so it can be tested: the board's
 * columns, how a measurement reads in its unit, the verdict in words, and the title proposed
 * for a new action from its source. Pure.
 */
import { ACTION_STATUSES, STATUS_MOVES, type TActionStatus } from '../../../model/action-status.js';
import type {
  TAction,
  TActionSource,
  TComparison,
  TMeasurement,
} from '../../../service/actions/action-types.js';

export type TColumn = { status: TActionStatus; label: string; actions: TAction[] };

const LABELS: Record<TActionStatus, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  'in progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const statusLabel = (s: TActionStatus): string => LABELS[s];

/** One column per status, in order; due dates first (soonest), then the newest. */
export function boardColumns(actions: readonly TAction[]): TColumn[] {
  return ACTION_STATUSES.map((status) => ({
    status,
    label: LABELS[status],
    actions: actions
      .filter((a) => a.status === status)
      .sort(
        (a, b) =>
          (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
          b.createdAt.localeCompare(a.createdAt),
      ),
  }));
}

/** The moves the action's status may make, with the button label of each. */
export function statusMoves(status: TActionStatus): { to: TActionStatus; label: string }[] {
  return STATUS_MOVES[status].map((to) => ({
    to,
    label:
      to === 'dropped'
        ? 'Drop'
        : to === 'done'
          ? 'Mark done'
          : status === 'done' || status === 'dropped'
            ? `Reopen as ${LABELS[to].toLowerCase()}`
            : `Move to ${LABELS[to].toLowerCase()}`,
  }));
}

/** A value in its unit: shares as %, NPS as points, rates and means with two decimals. */
export function formatValue(value: number | null, unit: TMeasurement['unit']): string {
  if (value === null || Number.isNaN(value)) return '–';
  if (unit === 'share') return `${(100 * value).toFixed(1)}%`;
  if (unit === 'NPS points') return value.toFixed(1);
  if (unit === 'per 1,000 journeys') return `${value.toFixed(2)} per 1,000 journeys`;
  return value.toFixed(2);
}

/** A difference in its unit, signed: share differences as percentage points. */
export function formatDifference(value: number, unit: TMeasurement['unit']): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const magnitude = Math.abs(value);
  if (unit === 'share') return `${sign}${(100 * magnitude).toFixed(1)} pts`;
  return `${sign}${magnitude.toFixed(unit === 'NPS points' ? 1 : 2)}`;
}

export function measurementText(m: TMeasurement): string {
  const interval =
    m.interval === null
      ? 'no interval (too few observations)'
      : `95% interval ${formatValue(m.interval[0], m.unit)} to ${formatValue(m.interval[1], m.unit)}`;
  return `${formatValue(m.value, m.unit)}, n = ${m.n.toLocaleString('en-US')}, ${interval}`;
}

export function differenceText(c: TComparison, unit: TMeasurement['unit']): string {
  if (c.difference === null) return 'no difference: a side has nothing to measure';
  const interval =
    c.interval === null
      ? 'no interval'
      : `95% interval ${formatDifference(c.interval[0], unit)} to ${formatDifference(c.interval[1], unit)}`;
  return `${formatDifference(c.difference, unit)} (${interval})`;
}

/** The verdict's word and tone (for the badge). */
export function verdictBadge(c: TComparison): { text: string; tone: 'good' | 'bad' | 'warn' | '' } {
  switch (c.verdict) {
    case 'improved':
      return { text: 'Improved', tone: 'good' };
    case 'worse':
      return { text: 'Got worse', tone: 'bad' };
    case 'no change':
      return { text: 'Did nothing measurable', tone: 'warn' };
    case 'insufficient data':
      return { text: 'Not enough data', tone: '' };
  }
}

/** A title for a new action from what it fixes. */
export function proposedTitle(source: TActionSource, touchpointName: string | null): string {
  const at = touchpointName === null ? '' : ` at ${touchpointName}`;
  switch (source.kind) {
    case 'friction':
      return `Reduce ${source.type.replaceAll('_', ' ')}${at}`;
    case 'opportunity':
      return source.source === 'friction'
        ? `Reduce ${source.type.replaceAll('_', ' ')}${at}`
        : `Fix the ${source.type} step${at}`;
    case 'deviation':
      return `Fix the ${source.deviation} step${at}`;
    case 'gap':
      return `Close the satisfaction gap${at}`;
  }
}
