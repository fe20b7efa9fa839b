/**
 * Pearson correlations between columns of numbers, computed in two passes (means first, then
 * centred cross-products) so that large means do not eat the precision of small variances.
 * Pure: the columns come from the caller.
 */
import type { TMatrix } from './matrix.js';

/** One column of numbers with its name, all of the same length. */
export type TColumn = { name: string; values: ArrayLike<number> };

export type TColumnSummary = { mean: number; min: number; max: number };

export type TCorrelations = {
  summaries: TColumnSummary[];
  /** `matrix[i][j]`: correlation of column i with column j; 1 on the diagonal. */
  matrix: TMatrix;
};

/**
 * Correlation matrix of columns that all vary (the caller checks min < max first: the
 * correlation with a constant is undefined).
 *
 * @example correlations([{ name: 'x', values: [1, 2, 3] }, { name: 'y', values: [3, 2, 1] }]).matrix
 *   // [[1, -1], [-1, 1]]
 */
export function correlations(columns: readonly TColumn[]): TCorrelations {
  const p = columns.length;
  const n = columns[0]?.values.length ?? 0;
  const summaries = columns.map((c) => summarise(c.values));
  const means = summaries.map((s) => s.mean);
  const cross: TMatrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const deviation = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) deviation[i] = (columns[i]?.values[r] ?? 0) - (means[i] ?? 0);
    for (let i = 0; i < p; i++) {
      const row = cross[i] ?? [];
      const di = deviation[i] ?? 0;
      for (let j = i; j < p; j++) row[j] = (row[j] ?? 0) + di * (deviation[j] ?? 0);
    }
  }
  const matrix: TMatrix = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      if (i === j) return 1;
      const [a, b] = i < j ? [i, j] : [j, i];
      const sab = cross[a]?.[b] ?? 0;
      return sab / Math.sqrt((cross[a]?.[a] ?? 0) * (cross[b]?.[b] ?? 0));
    }),
  );
  return { summaries, matrix };
}

/** Mean, minimum and maximum of a column (NaN mean for an empty one). */
export function summarise(values: ArrayLike<number>): TColumnSummary {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < values.length; r++) {
    const x = values[r] ?? 0;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { mean: sum / values.length, min, max };
}
