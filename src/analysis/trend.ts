/**
 * The trend of a monthly series: the least-squares slope in occurrences per month and its
 * size relative to the monthly mean. The first and last months of the data are usually
 * partial, so when the series has at least five months they are left out. Pure: no I/O.
 */
export type TTrend = {
  direction: 'rising' | 'falling' | 'flat';
  /** Change per month (least-squares slope). */
  perMonth: number;
  /** perMonth / mean of the months used; 0 when the mean is 0. */
  relative: number;
  /** The months the slope was fitted on. */
  months: number;
};

/** A relative change per month below this is flat. */
export const FLAT = 0.05;

/**
 * @example monthlyTrend([10, 20, 30]) // { direction: 'rising', perMonth: 10, relative: 0.5, months: 3 }
 */
export function monthlyTrend(values: readonly number[]): TTrend {
  const used = values.length >= 5 ? values.slice(1, -1) : values;
  const n = used.length;
  if (n < 2) return { direction: 'flat', perMonth: 0, relative: 0, months: n };
  const meanX = (n - 1) / 2;
  const meanY = used.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  used.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  const relative = meanY === 0 ? 0 : slope / meanY;
  const direction = relative > FLAT ? 'rising' : relative < -FLAT ? 'falling' : 'flat';
  return { direction, perMonth: slope, relative, months: n };
}

/** `YYYY-MM` months from `first` to `last` inclusive, so gaps in a series count as zero. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
