import { describe, expect, it } from 'vitest';
import { identity, symmetricEigen } from './matrix.js';

/** V·diag(values)·Vᵀ */
function rebuild(values: number[], vectors: number[][]): number[][] {
  return vectors.map((vi) =>
    vectors.map((vj) => values.reduce((s, d, k) => s + (vi[k] ?? 0) * d * (vj[k] ?? 0), 0)),
  );
}

describe('symmetricEigen', () => {
  it('finds the eigenvalues of a 2×2 matrix, largest first', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    // The eigenvector of 3 is (1, 1)/√2 up to sign.
    expect(Math.abs(vectors[0]?.[0] ?? 0)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0]?.[0]).toBeCloseTo(vectors[1]?.[0] ?? 0, 14);
  });

  it('rebuilds the matrix from orthonormal eigenvectors', () => {
    const a = [
      [4, -2, 0.5, 1],
      [-2, 3, 0.25, -1],
      [0.5, 0.25, 2, 0.75],
      [1, -1, 0.75, 5],
    ];
    const { values, vectors } = symmetricEigen(a);
    const back = rebuild(values, vectors);
    a.forEach((row, i) => row.forEach((x, j) => expect(back[i]?.[j]).toBeCloseTo(x, 12)));
    const gram = rebuild(
      [1, 1, 1, 1],
      vectors.map((_, i) => vectors.map((row) => row[i] ?? 0)),
    );
    identity(4).forEach((row, i) => row.forEach((x, j) => expect(gram[i]?.[j]).toBeCloseTo(x, 12)));
    // The trace is the sum of the eigenvalues.
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(14, 12);
    expect(values).toEqual([...values].sort((x, y) => y - x));
  });

  it('gives a zero eigenvalue for a singular matrix', () => {
    // Row 3 = row 1 + row 2.
    const { values } = symmetricEigen([
      [1, 0.5, 1.5],
      [0.5, 1, 1.5],
      [1.5, 1.5, 3],
    ]);
    expect(Math.abs(values[2] ?? 1)).toBeLessThan(1e-14);
  });

  it('leaves a diagonal matrix as it is', () => {
    expect(
      symmetricEigen([
        [1, 0],
        [0, 7],
      ]),
    ).toEqual({
      values: [7, 1],
      vectors: [
        [0, 1],
        [1, 0],
      ],
    });
  });
});
