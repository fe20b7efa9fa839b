/**
 * How the voice-of-the-customer figures read: each kind's headline measure (a share of
 * satisfied answers, an NPS, a mean score) with its interval and its gaps, the names of the
 * things a gap compares, and quotes split into highlighted parts. Pure.
 */
import type { TNames } from '../../../service/analyze.js';
import { decimal, percent, percentInterval, points, signed } from '../../ui/format.js';
import { deviationLabel, frictionLabel } from '../../../model/gap-kinds.js';
import type { TDimension, TFeedbackGap } from './types.js';

export type TMeasure = TFeedbackGap['measure'];

/** The kind's name as people know it: CSAT, NPS, CES; a custom kind as written. */
export function kindLabel(kind: string): string {
  return ['csat', 'nps', 'ces'].includes(kind) ? kind.toUpperCase() : kind;
}

const KIND_ORDER = ['csat', 'nps', 'ces'];

/** Survey kinds in the order people look for them: CSAT, NPS, CES, then the custom ones. */
export function byKind<T extends { kind: string }>(items: readonly T[]): T[] {
  const rank = (k: string): number => {
    const i = KIND_ORDER.indexOf(k);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return [...items].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
}

/** 77.4% (a share), +21 (NPS), 4.05 (a mean). */
export function measureValue(measure: TMeasure, value: number | null | undefined): string {
  if (measure === 'satisfied share') return percent(value);
  if (measure === 'nps') return signed(value, 0);
  return decimal(value, 2);
}

/** 74.3–80.3%, +16 to +27, 3.81–4.29. */
export function measureInterval(
  measure: TMeasure,
  low: number | null | undefined,
  high: number | null | undefined,
): string {
  if (low === null || low === undefined || high === null || high === undefined) return '–';
  if (measure === 'satisfied share') return percentInterval(low, high);
  if (measure === 'nps') return `${signed(low, 0)} to ${signed(high, 0)}`;
  return `${decimal(low, 2)}–${decimal(high, 2)}`;
}

/** A difference between exposed and other answers: −66.5 pts (shares and NPS), −1.63 (means). */
export function gapValue(measure: TMeasure, value: number | null | undefined): string {
  if (measure === 'satisfied share') return points(value);
  if (measure === 'nps')
    return value === null || value === undefined ? '–' : `${signed(value, 1)} pts`;
  return signed(value, 2);
}

export function gapInterval(
  measure: TMeasure,
  low: number | null | undefined,
  high: number | null | undefined,
): string {
  if (low === null || low === undefined || high === null || high === undefined) return '–';
  return `${gapValue(measure, low)} to ${gapValue(measure, high)}`;
}

/** What the headline measure is, in words. */
export function measureName(measure: TMeasure): string {
  return measure === 'satisfied share'
    ? 'satisfied (4–5)'
    : measure === 'nps'
      ? 'promoters − detractors'
      : 'mean score';
}

/** What a gap compares, in words: "Repeat contact at Phone agent", "Visited Returns desk". */
export function gapSubject(gap: TFeedbackGap, names: TNames): string {
  const tp = (id: string | null): string => (id === null ? '' : (names.touchpoints[id] ?? id));
  if (gap.source === 'touchpoint') return `Visited ${tp(gap.touchpoint)}`;
  if (gap.source === 'deviation') {
    const kind = gap.type === null ? 'Deviation' : deviationLabel(gap.type);
    const journey =
      gap.journey === null ? '' : ` in ${names.idealJourneys[gap.journey] ?? gap.journey}`;
    return `${kind}: ${tp(gap.touchpoint)}${journey}`;
  }
  const type = frictionLabel(gap.type ?? '');
  return gap.touchpoint === null ? `${type} (any touchpoint)` : `${type} at ${tp(gap.touchpoint)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A value of a metric dimension as people read it; none as "Not attributed". */
export function dimensionValue(by: TDimension, value: string | null, names: TNames): string {
  if (value === null) return by === 'segment' ? 'No segment' : 'Not attributed';
  if (by === 'touchpoint') return names.touchpoints[value] ?? value;
  if (by === 'segment') return names.segments[value] ?? value;
  if (by === 'team') return names.teams[value] ?? value;
  if (by === 'month') {
    const [y = '', m = '1'] = value.split('-');
    return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
  }
  if (by === 'channel') return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}

/** A quote cut into plain and highlighted parts, in order. */
export function quoteParts(
  text: string,
  highlights: readonly (readonly [number, number])[],
): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [s, e] of [...highlights].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, s);
    if (e <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, e), mark: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
