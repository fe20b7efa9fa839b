/**
 * Numbers as people read them in a report: thousands separators, percentages, money in the
 * workspace currency, durations such as "2 d 3 h", dates and months. Deterministic (fixed
 * en-US locale, UTC dates) so a report is the same on every machine and golden files hold.
 */
import type { TTrend } from '../../analysis/trend.js';

const LOCALE = 'en-US';
/** Shown where there is no value (no journeys, last stage, ...). */
export const NONE = '–';

/** A count, rounded, with thousands separators: 1234.4 → "1,234". */
export function count(x: number): string {
  return Math.round(x).toLocaleString(LOCALE);
}

/** A count with its noun: counted(1, 'journey') → "1 journey"; counted(3, 'activity', 'activities'). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${Math.round(n) === 1 ? one : many}`;
}

/** A rate per month: one decimal below 10 ("0.6"), else a whole count ("1,235"). */
export function perMonth(x: number): string {
  return Math.abs(x) < 10 ? x.toFixed(1) : count(x);
}

/** A share: "95.8%", "100%", "<0.1%" for a tiny non-zero share, "–" for none. */
export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NONE;
  if (x > 0 && x < 0.0005) return '<0.1%';
  return `${(x * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, decimals: number): Intl.NumberFormat {
  const key = `${currency}:${decimals}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Money in whole units: "€12,346". Small amounts keep cents so they do not read as zero. */
export function money(x: number, currency: string): string {
  const decimals = x !== 0 && Math.abs(x) < 100 ? 2 : 0;
  return moneyFormat(currency, decimals).format(x);
}

/** Money with cents, for unit costs: "€0.10", "€6.50". */
export function unitMoney(x: number, currency: string): string {
  return moneyFormat(currency, 2).format(x);
}

/**
 * A duration from seconds, to the two largest units: "45 s", "12 min 5 s", "3 h 20 min",
 * "2 d 3 h"; "–" for none.
 */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
  const s = Math.round(seconds);
  const parts = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return parts(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86400) return parts(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return parts(Math.floor(s / 86400), 'd', Math.floor((s % 86400) / 3600), 'h');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO instant as its UTC day: "1 Jan 2025"; "–" for none. */
export function day(iso: string | null): string {
  if (iso === null) return NONE;
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `YYYY-MM` (or an ISO date in that month) as "Jan 2025". */
export function month(ym: string): string {
  const [y, m] = ym.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** A monthly trend in words: "↑ rising, +12% a month", "↓ falling, −8% a month", "→ flat". */
export function trend(t: TTrend): string {
  if (t.direction === 'flat') return '→ flat';
  const size = `${(Math.abs(t.relative) * 100).toFixed(0)}%`;
  return t.direction === 'rising' ? `↑ rising, +${size} a month` : `↓ falling, −${size} a month`;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A series as a text sparkline, scaled to `max` (default its own maximum): [0, 2, 8] → "▁▂█". */
export function sparkText(values: readonly number[], max?: number): string {
  const top = max ?? Math.max(0, ...values);
  return values
    .map((v) => BLOCKS[top <= 0 ? 0 : Math.round((Math.min(top, Math.max(0, v)) / top) * 7)] ?? '▁')
    .join('');
}
