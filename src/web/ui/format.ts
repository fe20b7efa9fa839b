/**
 * Numbers formatted for people, the same on every screen: thousands separators, percentages
 * with the precision the figure deserves, money in the workspace's currency, durations in the
 * largest sensible unit, and a dash for what is not known (never "NaN" or "null").
 */
const LOCALE = 'en-US';
export const NONE = '–';

const known = (x: number | null | undefined): x is number =>
  x !== null && x !== undefined && Number.isFinite(x);

/** 12,345 */
export function count(x: number | null | undefined): string {
  return known(x) ? Math.round(x).toLocaleString(LOCALE) : NONE;
}

/** 1.20 or 0.04: always `digits` decimals, so a column of them lines up. */
export function decimal(x: number | null | undefined, digits = 2): string {
  return known(x)
    ? x.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : NONE;
}

/** A share 0–1 as a percentage: 12.3%; below 1% with two decimals, never "0.0%" for a non-zero share. */
export function percent(share: number | null | undefined, digits?: number): string {
  if (!known(share)) return NONE;
  const p = share * 100;
  const d = digits ?? (p !== 0 && Math.abs(p) < 1 ? 2 : 1);
  return `${p.toLocaleString(LOCALE, { minimumFractionDigits: d, maximumFractionDigits: d })}%`;
}

/** A difference of shares in percentage points, signed: +3.4 pts, −12.0 pts. */
export function points(share: number | null | undefined, digits = 1): string {
  if (!known(share)) return NONE;
  return `${signed(share * 100, digits)} pts`;
}

/** A signed number with a real minus sign: +14, −0.3. */
export function signed(x: number | null | undefined, digits = 0): string {
  if (!known(x)) return NONE;
  const text = Math.abs(x).toLocaleString(LOCALE, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const zero = Number(text.replace(/,/g, '')) === 0;
  return zero ? text : `${x < 0 ? '−' : '+'}${text}`;
}

/** Money, compact above ten thousand: €1.2M, $48.5K, €950. */
export function money(x: number | null | undefined, currency = 'EUR'): string {
  if (!known(x)) return NONE;
  const compact = Math.abs(x) >= 10_000;
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: compact ? 1 : 0,
  }).format(x);
}

/** Seconds as the largest sensible unit: 45 s, 12 min, 3.5 h, 2.1 d. */
export function duration(seconds: number | null | undefined): string {
  if (!known(seconds)) return NONE;
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '';
  if (s < 90) return `${sign}${Math.round(s)} s`;
  if (s < 90 * 60) return `${sign}${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${sign}${decimal(s / 3600, 1)} h`;
  return `${sign}${decimal(s / 86400, 1)} d`;
}

/** An instant as a calendar date (UTC, as the analysis counts days): Mar 14, 2025. */
export function day(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return NONE;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return NONE;
  return d.toLocaleDateString(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An interval of shares: 76.1–77.6%. */
export function percentInterval(
  low: number | null | undefined,
  high: number | null | undefined,
): string {
  if (!known(low) || !known(high)) return NONE;
  return `${percent(low).replace('%', '')}–${percent(high)}`;
}
