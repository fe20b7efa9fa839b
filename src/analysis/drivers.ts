/**
 * Key-driver analysis: which touchpoint ratings (or frictions) drive an overall score such as
 * satisfaction or NPS, by Johnson's relative weights (Johnson 2000, "A heuristic method for
 * estimating the relative weight of predictor variables in multiple regression"), the standard
 * approximation of the Shapley decomposition of R² that stays meaningful when the features
 * are correlated, as touchpoint ratings always are.
 *
 * From the correlations of the features (Rxx) and of each feature with the target (rxy):
 *
 *   Rxx = V·diag(λ)·Vᵀ              eigen-decomposition (Jacobi rotations, matrix.ts)
 *   Λ   = V·diag(√λ)·Vᵀ             Rxx^½: the features on their closest orthogonal variables Z
 *   β   = Λ⁻¹·rxy                   the standardised regression of the target on Z
 *   raw weight_j = Σ_k Λ_jk²·β_k²   feature j's share of the variance each Z_k explains
 *
 * The raw weights sum to R² of the least-squares regression of the target on all features
 * (with an intercept); a rescaled weight is raw / R², the feature's share of what the model
 * explains (the shares sum to 1).
 *
 * A yes/no target (e.g. Satisfaction = "Satisfied") is coded 1/0 by the caller; its
 * correlations are then point-biserial and R² is that of the linear probability model, the
 * usual approximation in CX practice (a logistic model would need its own pseudo-R²).
 *
 * Pure: numbers in, weights out; reading files and coding values happen in src/service.
 */
import { correlations, type TColumn } from './correlation.js';
import {
  performanceOf,
  quadrants,
  type TPerformance,
  type TQuadrant,
  type TQuadrantSplit,
} from './driver-quadrant.js';
import { symmetricEigen, type TMatrix } from './matrix.js';

/** The data cannot support the analysis; the message names the feature, row or reason. */
export class DriverError extends Error {
  override name = 'DriverError';
}

export type TRelativeWeights = {
  /** R² of the regression of the target on all features: the sum of the raw weights. */
  r2: number;
  /** Per feature, in the order given. */
  raw: number[];
  rescaled: number[];
};

/**
 * An eigenvalue of Rxx at or below this share of the largest marks a linear dependency among
 * the features: with exact collinearity it is ~1e-16, with real ratings it is above 1e-3.
 */
const SINGULAR = 1e-10;
/** Entries of a null-space eigenvector above this name the features in the dependency. */
const IN_DEPENDENCY = 1e-3;

/**
 * Johnson's relative weights from correlations: `rxx` among the features, `rxy` of each
 * feature with the target, `names` to name collinear features in an error.
 *
 * @example relativeWeights([[1, 0], [0, 1]], [0.6, 0.3], ['a', 'b'])
 *   // { r2: 0.45, raw: [0.36, 0.09], rescaled: [0.8, 0.2] }
 */
export function relativeWeights(
  rxx: readonly (readonly number[])[],
  rxy: readonly number[],
  names: readonly string[],
): TRelativeWeights {
  const p = rxy.length;
  const { values, vectors } = symmetricEigen(rxx);
  const largest = values[0] ?? 0;
  const nullSpace = values.flatMap((value, k) => (value <= SINGULAR * largest ? [k] : []));
  if (nullSpace.length > 0) throw collinear(vectors, nullSpace, names);
  const lambda = rootOf(vectors, values, 0.5);
  const lambdaInverse = rootOf(vectors, values, -0.5);
  const beta = lambdaInverse.map((row) => row.reduce((s, x, j) => s + x * (rxy[j] ?? 0), 0));
  const raw = Array.from({ length: p }, (_, j) =>
    beta.reduce((s, b, k) => s + (lambda[j]?.[k] ?? 0) ** 2 * b * b, 0),
  );
  const r2 = raw.reduce((s, w) => s + w, 0);
  return { r2, raw, rescaled: raw.map((w) => w / r2) };
}

/** V·diag(λ^power)·Vᵀ: the matrix power of a symmetric positive-definite matrix. */
function rootOf(vectors: TMatrix, values: readonly number[], power: number): TMatrix {
  const scale = values.map((v) => v ** power);
  return vectors.map((vi) =>
    vectors.map((vj) => scale.reduce((s, d, k) => s + (vi[k] ?? 0) * d * (vj[k] ?? 0), 0)),
  );
}

function collinear(vectors: TMatrix, nullSpace: readonly number[], names: readonly string[]) {
  const involved = names.filter((_, j) =>
    nullSpace.some((k) => Math.abs(vectors[j]?.[k] ?? 0) > IN_DEPENDENCY),
  );
  const list = involved.map((n) => `"${n}"`);
  const listed =
    list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`;
  return new DriverError(
    `the features ${listed} are perfectly collinear (one is a linear combination of the ` +
      'others in the rows used), so their shares of R² are not defined: leave one of them out',
  );
}

export type TKeyDriversInput = {
  /** The overall score: a rating, or 1/0 for a yes/no outcome. */
  target: TColumn;
  /** Touchpoint ratings or friction flags, one column each, as long as the target. */
  features: readonly TColumn[];
};

export type TDriver = {
  feature: string;
  rawWeight: number;
  rescaledWeight: number;
  performance: TPerformance;
  quadrant: TQuadrant;
};

export type TKeyDrivers = TQuadrantSplit & {
  r2: number;
  rows: number;
  /** Ranked by weight, largest first (input order among equal weights). */
  drivers: TDriver[];
};

/**
 * Relative weights of each feature on the target, with each feature's performance and
 * quadrant. Throws `DriverError` for data that cannot support it: a value that is not a
 * finite number, fewer rows than features + 2 (a regression needs one residual degree of
 * freedom beside the intercept), a feature or target that never varies, collinear features.
 */
export function keyDrivers(input: TKeyDriversInput): TKeyDrivers {
  const { target, features } = input;
  if (features.length === 0) throw new DriverError('no features: name at least one');
  const rows = target.values.length;
  for (const column of [target, ...features]) checkValues(column, rows);
  if (rows < features.length + 2) {
    throw new DriverError(
      `${rows} usable row${rows === 1 ? '' : 's'} for ${features.length} feature` +
        `${features.length === 1 ? '' : 's'}: the regression needs at least ` +
        `${features.length + 2} (features + 2)`,
    );
  }
  const { summaries, matrix } = correlations([target, ...features]);
  summaries.forEach((s, i) => {
    if (s.min === s.max) {
      const what = i === 0 ? 'the target' : 'the feature';
      const name = i === 0 ? target.name : (features[i - 1]?.name ?? '');
      throw new DriverError(
        `${what} "${name}" is ${s.min} in every row used, so it cannot drive or be driven` +
          (i === 0 ? '' : ': leave it out'),
      );
    }
  });
  const rxx = matrix.slice(1).map((row) => row.slice(1));
  const rxy = matrix.slice(1).map((row) => row[0] ?? 0);
  const weights = relativeWeights(
    rxx,
    rxy,
    features.map((f) => f.name),
  );
  const performance = summaries.slice(1).map(performanceOf);
  const split = quadrants(
    features.map((_, j) => ({
      importance: weights.rescaled[j] ?? 0,
      performance: performance[j]?.scaled ?? 0,
    })),
  );
  const drivers = features.map((f, j) => ({
    feature: f.name,
    rawWeight: weights.raw[j] ?? 0,
    rescaledWeight: weights.rescaled[j] ?? 0,
    performance: performance[j] as TPerformance,
    quadrant: split.quadrants[j] ?? 'lower priority',
  }));
  return {
    r2: weights.r2,
    rows,
    importanceMedian: split.importanceMedian,
    performanceMedian: split.performanceMedian,
    drivers: drivers
      .map((d, j) => ({ d, j }))
      .sort((a, b) => b.d.rawWeight - a.d.rawWeight || a.j - b.j)
      .map(({ d }) => d),
  };
}

function checkValues(column: TColumn, rows: number): void {
  const { name, values } = column;
  if (values.length !== rows) {
    throw new DriverError(`"${name}" has ${values.length} values, the target ${rows}`);
  }
  for (let r = 0; r < rows; r++) {
    const x = values[r];
    if (x === undefined || !Number.isFinite(x)) {
      throw new DriverError(`row ${r + 1}, "${name}": ${String(x)} is not a finite number`);
    }
  }
}
