/**
 * Satisfaction figures as people read them: each survey kind in its own measure (CSAT as the
 * share satisfied, NPS as signed points, CES and custom kinds as a mean on their scale), always
 * with the 95% interval and n, and "n < 30" instead of a figure where too few answered.
 * Deterministic, like format.ts; it formats, it never computes a new figure.
 */
import type { TMeasure, TSatisfaction } from '../../analysis/satisfaction.js';
import type { TInterval } from '../../analysis/statistics.js';
import type { TScale } from '../../model/workspace-schema.js';
import type { TFeedbackAnalysis } from '../../service/analyze-feedback.js';
import { count, NONE } from './format.js';

const MINUS = '−';

/** A number with a fixed number of decimals and a true minus sign; never "−0". */
export function fixed(x: number, decimals: number): string {
  const text = Math.abs(x).toFixed(decimals);
  return x < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A number with its sign: "+14", "−0.59", "0". */
export function signed(x: number, decimals = 0): string {
  const text = fixed(x, decimals);
  return x > 0 && Number(text.replace(MINUS, '-')) !== 0 ? `+${text}` : text;
}

/** "low–high", or "low to high" when a bound carries a sign. */
function range(low: string, high: string, unit = ''): string {
  const signs = /^[+−]/.test(low) || /^[+−]/.test(high);
  return signs ? `${low}${unit} to ${high}${unit}` : `${low}–${high}${unit}`;
}

/** A share with one decimal, always, so figures and intervals line up: 0.84 → "84.0". */
const share = (x: number): string => fixed(100 * x, 1);

/** The headline value of a measure: "76.9%", "+14", "4.22". */
export function measureValue(measure: TMeasure, value: number): string {
  if (measure === 'satisfied share') return `${share(value)}%`;
  return measure === 'nps' ? signed(value) : fixed(value, 2);
}

/** The interval of a measure, "" when n is too small to say: "76.1–77.6%", "+13 to +16". */
export function measureInterval(measure: TMeasure, i: TInterval): string {
  if (i.low === null || i.high === null) return '';
  if (measure === 'satisfied share') return range(share(i.low), share(i.high), '%');
  return measure === 'nps'
    ? range(signed(i.low), signed(i.high))
    : range(fixed(i.low, 2), fixed(i.high, 2));
}

/** A value with its interval in brackets: "76.9% (76.1–77.6%)", "4.00" when n is 1. */
export function withInterval(measure: TMeasure, i: TInterval): string {
  const interval = measureInterval(measure, i);
  return `${measureValue(measure, i.value)}${interval === '' ? '' : ` (${interval})`}`;
}

/** What is shown instead of a figure on too few answers. */
export const tooFew = (min: number): string => `n < ${count(min)}`;

/** A figure for a table cell: "76.9% (76.1–77.6%)", or "n < 30". */
export function figure(m: TSatisfaction, min: number): string {
  return m.suppressed || m.score === null ? tooFew(min) : withInterval(m.measure, m.score);
}

/** A scale's range: "1–5", "−2 to +2". */
export function scaleRange(scale: TScale): string {
  const bound = (x: number): string => fixed(x, Number.isInteger(x) ? 0 : 2);
  return range(bound(scale.min), bound(scale.max));
}

/**
 * A kind's headline with its interval and n: "CSAT 76.9% satisfied (76.1–77.6%, n 12,366)",
 * "NPS +14 (+13 to +16, n 11,356)", "CES 4.22 on 1–7 (4.16–4.29, n 2,333)", "CSAT n < 30";
 * a kind without a scale: "ease mean 2.33 (…)".
 */
export function headline(
  m: TSatisfaction,
  name: string,
  min: number,
  scale?: TScale | null,
): string {
  if (m.suppressed || m.score === null) return `${name} ${tooFew(min)}`;
  const interval = measureInterval(m.measure, m.score);
  const n = `n ${count(m.n)}`;
  const value = measureValue(m.measure, m.score.value);
  const stated =
    m.measure === 'satisfied share'
      ? `${value} satisfied`
      : m.measure === 'nps'
        ? value
        : scale === null || scale === undefined
          ? `mean ${value}`
          : `${value} on ${scaleRange(scale)}`;
  return `${name} ${stated} (${interval === '' ? n : `${interval}, ${n}`})`;
}

/** A difference in a measure: "−58.8 pts" (shares), "−60" (NPS), "−1.35" (means). */
export function gapValue(measure: TMeasure, x: number): string {
  if (measure === 'satisfied share') return `${signed(100 * x, 1)} pts`;
  return measure === 'nps' ? signed(x) : signed(x, 2);
}

/** The interval of a difference, "" when n is too small to say: "−60.9 to −56.6". */
export function gapInterval(measure: TMeasure, i: TInterval | null): string {
  if (i === null || i.low === null || i.high === null) return '';
  const bound = (x: number): string =>
    measure === 'satisfied share' ? signed(100 * x, 1) : signed(x, measure === 'nps' ? 0 : 2);
  return `${bound(i.low)} to ${bound(i.high)}`;
}

/** A difference with its interval: "−58.8 pts (−60.9 to −56.6)"; "–" for none. */
export function gapWithInterval(measure: TMeasure, i: TInterval | null): string {
  if (i === null || !Number.isFinite(i.value)) return NONE;
  const interval = gapInterval(measure, i);
  return `${gapValue(measure, i.value)}${interval === '' ? '' : ` (${interval})`}`;
}

/** The built-in kinds first, as a CX lead expects them, then the others by id. */
const ORDER = ['csat', 'nps', 'ces'];
export function kindOrder(a: string, b: string): number {
  const x = ORDER.indexOf(a);
  const y = ORDER.indexOf(b);
  if (x !== y) return (x === -1 ? ORDER.length : x) - (y === -1 ? ORDER.length : y);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names of the survey kinds: the scale's name ("CSAT"), else the kind as imported. */
export function kindNames(f: TFeedbackAnalysis): (kind: string) => string {
  const names = new Map(f.kinds.map((k) => [k.kind, k.scale?.name ?? k.kind]));
  return (kind) => names.get(kind) ?? kind;
}
