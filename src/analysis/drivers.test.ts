import { describe, expect, it } from 'vitest';
import { DriverError, keyDrivers, relativeWeights } from './drivers.js';

/** Seeded uniform numbers in [0, 1) (mulberry32), so every run sees the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(next: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] ?? 0) - mx) * ((y[i] ?? 0) - my);
    sxx += ((x[i] ?? 0) - mx) ** 2;
    syy += ((y[i] ?? 0) - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** R² of least squares with an intercept, by the normal equations XᵀX·b = Xᵀy. */
function olsR2(features: readonly (readonly number[])[], y: readonly number[]): number {
  const n = y.length;
  const design = Array.from({ length: n }, (_, i) => [1, ...features.map((f) => f[i] ?? 0)]);
  const k = design[0]?.length ?? 0;
  const a = Array.from({ length: k }, (_, r) => [
    ...Array.from({ length: k }, (_, c) =>
      design.reduce((s, row) => s + (row[r] ?? 0) * (row[c] ?? 0), 0),
    ),
    design.reduce((s, row, i) => s + (row[r] ?? 0) * (y[i] ?? 0), 0),
  ]);
  // Gauss-Jordan with partial pivoting on the augmented matrix.
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++)
      if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] ?? [], a[c] ?? []];
    const row = a[c] ?? [];
    const d = row[c] ?? 1;
    for (let j = 0; j <= k; j++) row[j] = (row[j] ?? 0) / d;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const other = a[r] ?? [];
      const f = other[c] ?? 0;
      for (let j = 0; j <= k; j++) other[j] = (other[j] ?? 0) - f * (row[j] ?? 0);
    }
  }
  const b = a.map((row) => row[k] ?? 0);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  let sse = 0;
  let sst = 0;
  design.forEach((row, i) => {
    const fit = row.reduce((s, x, j) => s + x * (b[j] ?? 0), 0);
    sse += ((y[i] ?? 0) - fit) ** 2;
    sst += ((y[i] ?? 0) - mean) ** 2;
  });
  return 1 - sse / sst;
}

/** Four correlated ratings and a target driven by them, plus noise. */
function survey(rows: number) {
  const z = normal(random(42));
  const x = [[], [], [], []] as number[][];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const [z1, z2, z3, z4] = [z(), z(), z(), z()];
    const row = [z1, 0.6 * z1 + 0.8 * z2, 0.3 * z1 + 0.3 * z2 + z3, 0.5 * z3 + z4];
    row.forEach((v, j) => x[j]?.push(10 + 2 * v));
    y.push(0.5 * row[0]! + 0.3 * row[1]! + 0.2 * row[2]! + 0.05 * row[3]! + 0.8 * z());
  }
  return { x, y };
}

const columns = (x: readonly number[][], names = ['a', 'b', 'c', 'd']) =>
  x.map((values, j) => ({ name: names[j] ?? `x${j}`, values }));

describe('keyDrivers: Johnson relative weights', () => {
  it('gives each of two uncorrelated predictors its squared correlation with the target', () => {
    const x1 = [1, -1, 1, -1, 1, -1, 1, -1];
    const x2 = [1, 1, -1, -1, 1, 1, -1, -1];
    const y = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(pearson(x1, x2)).toBe(0);
    const result = keyDrivers({
      target: { name: 'y', values: y },
      features: [
        { name: 'x1', values: x1 },
        { name: 'x2', values: x2 },
      ],
    });
    const weight = (name: string) => result.drivers.find((d) => d.feature === name)?.rawWeight;
    expect(weight('x1')).toBeCloseTo(pearson(x1, y) ** 2, 12);
    expect(weight('x2')).toBeCloseTo(pearson(x2, y) ** 2, 12);
    expect(result.r2).toBeCloseTo(pearson(x1, y) ** 2 + pearson(x2, y) ** 2, 12);
  });

  it('sums the raw weights to the R² of least squares, the rescaled ones to 1', () => {
    const { x, y } = survey(500);
    const result = keyDrivers({ target: { name: 'y', values: y }, features: columns(x) });
    const sum = (key: 'rawWeight' | 'rescaledWeight') =>
      result.drivers.reduce((s, d) => s + d[key], 0);
    expect(result.r2).toBeCloseTo(olsR2(x, y), 10);
    expect(sum('rawWeight')).toBeCloseTo(result.r2, 12);
    expect(sum('rescaledWeight')).toBeCloseTo(1, 12);
    expect(result.rows).toBe(500);
    // The strongest direct effect ranks first, the weakest last.
    expect(result.drivers.map((d) => d.feature)).toEqual(['a', 'b', 'c', 'd']);
    for (const d of result.drivers)
      expect(d.rescaledWeight).toBeCloseTo(d.rawWeight / result.r2, 14);
  });

  it('equals the Shapley decomposition of R² for two correlated predictors', () => {
    // With two predictors, Shapley gives each the mean of its R² alone and its R² added last.
    const { x, y } = survey(300);
    const [a, b] = [x[0] ?? [], x[1] ?? []];
    const full = olsR2([a, b], y);
    const result = keyDrivers({ target: { name: 'y', values: y }, features: columns([a, b]) });
    const weight = (name: string) => result.drivers.find((d) => d.feature === name)?.rawWeight;
    expect(pearson(a, b)).toBeGreaterThan(0.5);
    expect(weight('a')).toBeCloseTo((pearson(a, y) ** 2 + full - pearson(b, y) ** 2) / 2, 10);
    expect(weight('b')).toBeCloseTo((pearson(b, y) ** 2 + full - pearson(a, y) ** 2) / 2, 10);
  });

  it('does not depend on the order of the features', () => {
    const { x, y } = survey(200);
    const forward = keyDrivers({ target: { name: 'y', values: y }, features: columns(x) });
    const order = [2, 0, 3, 1];
    const shuffled = keyDrivers({
      target: { name: 'y', values: y },
      features: order.map((j) => ({ name: ['a', 'b', 'c', 'd'][j] ?? '', values: x[j] ?? [] })),
    });
    expect(shuffled.r2).toBeCloseTo(forward.r2, 13);
    expect(shuffled.drivers.map((d) => d.feature)).toEqual(forward.drivers.map((d) => d.feature));
    shuffled.drivers.forEach((d, i) => {
      expect(d.rawWeight).toBeCloseTo(forward.drivers[i]?.rawWeight ?? NaN, 13);
      expect(d.quadrant).toBe(forward.drivers[i]?.quadrant);
    });
  });

  it('reports performance as the mean, rescaled over the observed range, and a quadrant', () => {
    const result = keyDrivers({
      target: { name: 'y', values: [1, 2, 3, 4, 5, 3] },
      features: [
        { name: 'strong', values: [1, 2, 3, 4, 5, 2] },
        { name: 'weak', values: [5, 5, 4, 5, 4, 4] },
      ],
    });
    const strong = result.drivers[0];
    expect(strong?.feature).toBe('strong');
    expect(strong?.performance).toEqual({ mean: 17 / 6, min: 1, max: 5, scaled: (17 / 6 - 1) / 4 });
    // The stronger driver performs worse (0.458 against 0.5): fix it first.
    expect(strong?.quadrant).toBe('fix first');
    expect(result.drivers[1]?.performance.scaled).toBeCloseTo(0.5, 14);
    expect(result.drivers[1]?.quadrant).toBe('possible overkill');
  });
});

describe('relativeWeights', () => {
  it('computes the weights from the correlations alone', () => {
    const w = relativeWeights(
      [
        [1, 0],
        [0, 1],
      ],
      [0.6, 0.3],
      ['a', 'b'],
    );
    expect(w.r2).toBeCloseTo(0.45, 14);
    expect(w.raw[0]).toBeCloseTo(0.36, 14);
    expect(w.rescaled[1]).toBeCloseTo(0.2, 14);
  });
});

describe('keyDrivers: data that cannot support it', () => {
  const y = [1, 2, 3, 4, 5, 6, 7, 8];
  const a = [2, 1, 4, 3, 6, 5, 8, 7];
  const b = [1, 3, 2, 5, 4, 7, 6, 9];
  const run =
    (features: { name: string; values: number[] }[], target = y) =>
    () =>
      keyDrivers({ target: { name: 'overall', values: target }, features });

  it('names a feature that never varies', () => {
    expect(
      run([
        { name: 'a', values: a },
        { name: 'flat', values: y.map(() => 3) },
      ]),
    ).toThrow(/feature "flat" is 3 in every row used/);
    expect(
      run(
        [{ name: 'a', values: a }],
        y.map(() => 1),
      ),
    ).toThrow(/target "overall" is 1 in every row used/);
  });

  it('names the perfectly collinear features and only them', () => {
    const sum = a.map((v, i) => v + 2 * (b[i] ?? 0));
    const other = [5, 1, 2, 2, 8, 3, 1, 4];
    const attempt = run([
      { name: 'a', values: a },
      { name: 'other', values: other },
      { name: 'b', values: b },
      { name: 'a + 2b', values: sum },
    ]);
    expect(attempt).toThrow(DriverError);
    expect(attempt).toThrow(/features "a", "b" and "a \+ 2b" are perfectly collinear/);
    expect(
      run([
        { name: 'a', values: a },
        { name: 'a again', values: a.map((v) => 3 * v + 1) },
      ]),
    ).toThrow(/features "a" and "a again" are perfectly collinear/);
  });

  it('needs at least features + 2 rows', () => {
    const three = [1, 2, 3];
    expect(
      run(
        [
          { name: 'a', values: [3, 1, 2] },
          { name: 'b', values: [1, 1, 2] },
        ],
        three,
      ),
    ).toThrow('3 usable rows for 2 features: the regression needs at least 4 (features + 2)');
  });

  it('names the row and column of a value that is not a number', () => {
    const bad = [...a];
    bad[4] = Number.NaN;
    expect(run([{ name: 'a', values: bad }])).toThrow('row 5, "a": NaN is not a finite number');
    expect(run([{ name: 'a', values: a.slice(1) }])).toThrow('"a" has 7 values, the target 8');
    expect(run([])).toThrow('no features');
  });
});
