/**
 * The small linear algebra key-driver analysis needs: the eigen-decomposition of a symmetric
 * matrix by cyclic Jacobi rotations. Meant for correlation matrices of at most a few dozen
 * features (O(n³) per sweep, a handful of sweeps); exact to machine precision, with no
 * dependency and no I/O.
 */

/** A dense matrix as rows: `m[i][j]`. */
export type TMatrix = number[][];

export type TEigen = {
  /** Eigenvalues, largest first. */
  values: number[];
  /** Eigenvectors as columns, unit length, in the order of `values`: `vectors[i][k]`. */
  vectors: TMatrix;
};

const MAX_SWEEPS = 100;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix, so that `a = V·diag(values)·Vᵀ`.
 * Jacobi rotations zero one off-diagonal element at a time; each sweep visits all of them and
 * the off-diagonal mass falls quadratically once it is small.
 *
 * @example symmetricEigen([[2, 1], [1, 2]]).values // [3, 1]
 */
export function symmetricEigen(a: readonly (readonly number[])[]): TEigen {
  const n = a.length;
  const m = a.map((row, i) => {
    if (row.length !== n) throw new Error(`symmetricEigen: row ${i} has ${row.length} of ${n}`);
    return [...row];
  });
  const v = identity(n);
  // Done when the off-diagonal mass is below rounding of the whole matrix (a singular matrix
  // has zero diagonal entries, so a test relative to the diagonal alone might never pass).
  const floor = (Number.EPSILON * frobenius(m)) ** 2;
  for (let sweep = 0; ; sweep++) {
    if (offDiagonal(m) <= floor) break;
    if (sweep === MAX_SWEEPS) throw new Error('symmetricEigen: no convergence');
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(m, p, q);
        if (apq === 0) continue;
        const app = at(m, p, p);
        const aqq = at(m, q, q);
        // Once the element is below the rounding of both diagonal entries, it is zero.
        const g = 100 * Math.abs(apq);
        if (
          sweep > 3 &&
          Math.abs(app) + g === Math.abs(app) &&
          Math.abs(aqq) + g === Math.abs(aqq)
        ) {
          set(m, p, q, 0);
          set(m, q, p, 0);
          continue;
        }
        rotate(m, v, p, q, rotationTangent(app, aqq, apq));
      }
    }
  }
  const order = [...Array(n).keys()].sort((i, j) => at(m, j, j) - at(m, i, i));
  return {
    values: order.map((k) => at(m, k, k)),
    vectors: v.map((row) => order.map((k) => row[k] ?? 0)),
  };
}

/** The tangent t of the rotation angle that zeroes m[p][q]: the smaller root of t² + 2θt − 1. */
function rotationTangent(app: number, aqq: number, apq: number): number {
  const theta = (aqq - app) / (2 * apq);
  if (Math.abs(theta) > 1e150) return 1 / (2 * theta);
  return (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
}

/** m ← Jᵀ·m·J and v ← v·J for the rotation J in the (p, q) plane with tangent t. */
function rotate(m: TMatrix, v: TMatrix, p: number, q: number, t: number): void {
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (const row of m) {
    const kp = row[p] ?? 0;
    const kq = row[q] ?? 0;
    row[p] = c * kp - s * kq;
    row[q] = s * kp + c * kq;
  }
  const rowP = m[p] ?? [];
  const rowQ = m[q] ?? [];
  for (let k = 0; k < m.length; k++) {
    const pk = rowP[k] ?? 0;
    const qk = rowQ[k] ?? 0;
    rowP[k] = c * pk - s * qk;
    rowQ[k] = s * pk + c * qk;
  }
  for (const row of v) {
    const kp = row[p] ?? 0;
    const kq = row[q] ?? 0;
    row[p] = c * kp - s * kq;
    row[q] = s * kp + c * kq;
  }
}

function frobenius(m: TMatrix): number {
  let sum = 0;
  for (const row of m) for (const x of row) sum += x * x;
  return Math.sqrt(sum);
}

function offDiagonal(m: TMatrix): number {
  let sum = 0;
  for (let p = 0; p < m.length; p++) for (let q = p + 1; q < m.length; q++) sum += at(m, p, q) ** 2;
  return sum;
}

/** The n×n identity matrix. */
export function identity(n: number): TMatrix {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

function at(m: TMatrix, i: number, j: number): number {
  return m[i]?.[j] ?? 0;
}

function set(m: TMatrix, i: number, j: number, value: number): void {
  const row = m[i];
  if (row !== undefined) row[j] = value;
}
