/**
 * `journeylens drivers` on the real airline passenger survey (129,880 responses, 14 touchpoint
 * ratings 1–5 with 0 = not applicable) equals an independent computation of Johnson's
 * relative weights written here: the file split by hand, correlations from exact integer
 * sums, Rxx^½ and Rxx^-½ by the Denman–Beavers iteration (no eigen-decomposition), R² by
 * Gauss–Jordan elimination. Nothing from src/ is imported: only the built CLI runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { assertBuilt, cli } from './cli.js';
import { describeWithSharedData } from './shared-data.js';

const RATINGS = [
  'Departure and Arrival Time Convenience',
  'Ease of Online Booking',
  'Check-in Service',
  'Online Boarding',
  'Gate Location',
  'On-board Service',
  'Seat Comfort',
  'Leg Room Service',
  'Cleanliness',
  'Food and Drink',
  'In-flight Service',
  'In-flight Wifi Service',
  'In-flight Entertainment',
  'Baggage Handling',
];
const TOLERANCE = 1e-6;

type TMatrix = number[][];

type TOutput = {
  r2: number;
  rowsUsed: number;
  rowsLeftOut: number;
  drivers: { feature: string; rawWeight: number; rescaledWeight: number; quadrant: string }[];
  method: string;
};

describeWithSharedData('journeylens drivers on the airline survey', (data) => {
  const file = join(data, 'cx', 'airline', 'airline_passenger_satisfaction.csv');
  beforeAll(() => assertBuilt());

  it('equals an independent computation of Johnson relative weights', async () => {
    const run = cli([
      'drivers',
      file,
      '--target',
      'Satisfaction',
      '--positive',
      'Satisfied',
      '--na',
      '0',
      '--features',
      RATINGS.join(','),
      '--format',
      'json',
    ]);
    const expected = independentWeights(file);
    const r = await run;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as TOutput;
    expect(Object.keys(out)).toEqual([
      'r2',
      'rowsUsed',
      'rowsLeftOut',
      'rowsLeftOutBy',
      'drivers',
      'method',
    ]);

    expect(out.rowsUsed + out.rowsLeftOut).toBe(129_880);
    expect(out.rowsUsed).toBe(expected.rows);
    expect(out.r2).toBeCloseTo(expected.r2, 6);
    expect(Math.abs(out.r2 - expected.r2)).toBeLessThan(TOLERANCE);
    expect(out.drivers.map((d) => d.feature).sort()).toEqual([...RATINGS].sort());
    for (const d of out.drivers) {
      const j = RATINGS.indexOf(d.feature);
      expect(Math.abs(d.rawWeight - (expected.raw[j] ?? NaN)), d.feature).toBeLessThan(TOLERANCE);
      expect(
        Math.abs(d.rescaledWeight - (expected.raw[j] ?? NaN) / expected.r2),
        d.feature,
      ).toBeLessThan(TOLERANCE);
      expect(d.quadrant, d.feature).toBe(expected.quadrant[j]);
    }
    // Ranked by weight, largest first.
    const weights = out.drivers.map((d) => d.rawWeight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(out.method).toMatch(/point-biserial/);
  }, 30_000);
});

/** Johnson's relative weights of the 14 ratings on Satisfaction = "Satisfied", 0 = n/a. */
function independentWeights(file: string) {
  const text = readFileSync(file, 'utf8');
  if (text.includes('"')) throw new Error('this reader splits on commas: the file has quotes');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = (lines[0] ?? '').split(',');
  const at = RATINGS.map((name) => header.indexOf(name));
  const targetAt = header.indexOf('Satisfaction');
  if ([...at, targetAt].includes(-1)) throw new Error(`columns not found in ${header.join('|')}`);
  expect(lines.length - 1).toBe(129_880);

  // Exact integer sums over the used rows: ratings are 1..5, the target 0/1.
  const p = RATINGS.length;
  const vars = p + 1; // the target is variable p
  const sum = new Array<number>(vars).fill(0);
  const cross: TMatrix = Array.from({ length: vars }, () => new Array<number>(vars).fill(0));
  const min = new Array<number>(p).fill(Infinity);
  const max = new Array<number>(p).fill(-Infinity);
  let n = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const x = at.map((c) => Number(cells[c]));
    if (x.some((v) => v === 0)) continue;
    x.push(cells[targetAt] === 'Satisfied' ? 1 : 0);
    n++;
    for (let i = 0; i < vars; i++) {
      sum[i]! += x[i]!;
      for (let j = 0; j < vars; j++) cross[i]![j]! += x[i]! * x[j]!;
    }
    for (let i = 0; i < p; i++) {
      min[i] = Math.min(min[i]!, x[i]!);
      max[i] = Math.max(max[i]!, x[i]!);
    }
  }
  const cov = (i: number, j: number) => n * cross[i]![j]! - sum[i]! * sum[j]!;
  const corr = (i: number, j: number) => cov(i, j) / Math.sqrt(cov(i, i) * cov(j, j));
  const rxx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => corr(i, j)));
  const rxy = Array.from({ length: p }, (_, i) => corr(i, p));

  const { root, inverseRoot } = denmanBeavers(rxx);
  // The oracle checks itself: root·root = Rxx.
  const square = multiply(root, root);
  rxx.forEach((row, i) => row.forEach((v, j) => expect(square[i]![j]!).toBeCloseTo(v, 12)));

  const beta = inverseRoot.map((row) => row.reduce((s, v, k) => s + v * rxy[k]!, 0));
  const raw = root.map((row) => row.reduce((s, v, k) => s + v * v * beta[k]! ** 2, 0));
  // R² of least squares: rxyᵀ·Rxx⁻¹·rxy, solved directly.
  const b = solve(rxx, rxy);
  const r2 = rxy.reduce((s, v, i) => s + v * b[i]!, 0);
  expect(raw.reduce((s, v) => s + v, 0)).toBeCloseTo(r2, 12);

  // Quadrants: importance (share of R²) and mean rating over the observed range, at medians.
  const importance = raw.map((w) => w / r2);
  const performance = sum.slice(0, p).map((s, i) => (s / n - min[i]!) / (max[i]! - min[i]!));
  const [mi, mp] = [middle(importance), middle(performance)];
  const quadrant = importance.map((w, i) => {
    const perf = performance[i]! >= mp;
    if (w >= mi) return perf ? 'keep up' : 'fix first';
    return perf ? 'possible overkill' : 'lower priority';
  });
  return { rows: n, r2, raw, quadrant };
}

/**
 * Denman–Beavers: Y₀ = A, Z₀ = I, Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 converges to A^½ and A^-½
 * for a symmetric positive-definite A.
 */
function denmanBeavers(a: TMatrix): { root: TMatrix; inverseRoot: TMatrix } {
  let y = a.map((row) => [...row]);
  let z: TMatrix = a.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  for (let iteration = 0; iteration < 100; iteration++) {
    const yi = inverse(y);
    const zi = inverse(z);
    const next = y.map((row, i) => row.map((v, j) => (v + zi[i]![j]!) / 2));
    z = z.map((row, i) => row.map((v, j) => (v + yi[i]![j]!) / 2));
    const change = Math.max(
      ...next.flatMap((row, i) => row.map((v, j) => Math.abs(v - y[i]![j]!))),
    );
    y = next;
    if (change < 1e-15) return { root: y, inverseRoot: z };
  }
  throw new Error('Denman–Beavers did not converge');
}

function inverse(a: TMatrix): TMatrix {
  const n = a.length;
  return gaussJordan(
    a,
    a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0))),
  ).map((row) => row.slice(0, n));
}

function solve(a: TMatrix, b: readonly number[]): number[] {
  return gaussJordan(
    a,
    b.map((v) => [v]),
  ).map((row) => row[0]!);
}

/** Reduces [a | rhs] to [I | a⁻¹·rhs] with partial pivoting; returns the right-hand part. */
function gaussJordan(a: TMatrix, rhs: TMatrix): TMatrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...rhs[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const row = m[c]!;
    const d = row[c]!;
    for (let j = 0; j < row.length; j++) row[j]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f !== 0) for (let j = 0; j < row.length; j++) m[r]![j]! -= f * row[j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

function multiply(a: TMatrix, b: TMatrix): TMatrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

function middle(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const h = s.length / 2;
  return s.length % 2 === 0 ? (s[h - 1]! + s[h]!) / 2 : s[Math.floor(h)]!;
}
