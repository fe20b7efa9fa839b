/** Key-driver analysis of CSV files on the real in-memory engine, in real temp folders. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDrivers } from '../analysis/drivers.js';
import { driversFromCsv } from './drivers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-drivers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Twelve complete responses on which a, b and c all vary and are not collinear. */
const GOOD = [
  [5, 5, 4, 3],
  [4, 4, 4, 2],
  [2, 1, 3, 2],
  [3, 3, 2, 4],
  [1, 2, 1, 1],
  [5, 4, 5, 5],
  [4, 5, 3, 3],
  [2, 2, 2, 1],
  [3, 2, 4, 3],
  [1, 1, 2, 2],
  [4, 3, 5, 4],
  [3, 4, 3, 5],
];

async function csv(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

describe('driversFromCsv', () => {
  it('counts the rows it leaves out per reason and names bad values by record', async () => {
    const path = await csv('survey.csv', [
      'overall,a,b,c',
      ...GOOD.slice(0, 6).map((r) => r.join(',')),
      '4,0,3,3', // record 7: not applicable
      '3,2,,4', // record 8: empty
      '5,4,4,4,9', // record 9: an extra field, the reader rejects the line
      '2,2,n/a,1', // record 10: not a number
      ...GOOD.slice(6).map((r) => r.join(',')),
    ]);
    const report = await driversFromCsv({
      path,
      target: 'overall',
      features: ['a', 'b', 'c'],
      na: '0',
    });
    expect(report.leftOut).toEqual({ unreadable: 1, nonNumeric: 1, empty: 1, notApplicable: 1 });
    expect(report.nonNumeric).toEqual([{ record: 10, column: 'b', value: 'n/a' }]);
    expect(report.rowsUsed).toBe(12);
    expect(report.rowsLeftOut).toBe(4);
    expect(report.records).toBe(16);
    // The same weights as the analysis on the twelve good rows.
    const column = (j: number) => GOOD.map((r) => r[j] ?? 0);
    const expected = keyDrivers({
      target: { name: 'overall', values: column(0) },
      features: ['a', 'b', 'c'].map((name, j) => ({ name, values: column(j + 1) })),
    });
    expect(report.r2).toBeCloseTo(expected.r2, 12);
    expect(report.drivers.map((d) => d.feature)).toEqual(expected.drivers.map((d) => d.feature));
    report.drivers.forEach((d, i) =>
      expect(d.rawWeight).toBeCloseTo(expected.drivers[i]?.rawWeight ?? NaN, 12),
    );
  });

  it('detects the delimiter and codes a yes/no target', async () => {
    const path = await csv('semicolon.csv', [
      'Satisfaction;Seat Comfort;Leg Room',
      ...GOOD.map((r) => [(r[0] ?? 0) >= 4 ? 'Satisfied' : 'Neutral', r[1], r[2]].join(';')),
    ]);
    const report = await driversFromCsv({
      path,
      target: 'Satisfaction',
      positive: 'Satisfied',
      features: ['Seat Comfort', 'Leg Room'],
    });
    expect(report.rowsUsed).toBe(12);
    expect(report.drivers.map((d) => d.feature).sort()).toEqual(['Leg Room', 'Seat Comfort']);
    expect(report.r2).toBeGreaterThan(0);
    expect(report.r2).toBeLessThan(1);
  });

  it('lists the columns there are when one is missing', async () => {
    const path = await csv('columns.csv', ['overall,Seat,Leg', '1,2,3']);
    await expect(
      driversFromCsv({ path, target: 'overall', features: ['seat', 'Food'] }),
    ).rejects.toThrow(
      `${path}: no column "seat", "Food" (did you mean "seat" → "Seat"?); the columns are "overall", "Seat", "Leg"`,
    );
  });

  it('says how many rows were left out, and why, when too few remain', async () => {
    const path = await csv('few.csv', ['overall,a,b', '1,2,3', '2,0,1', '3,1,2', '4,0,3']);
    await expect(
      driversFromCsv({ path, target: 'overall', features: ['a', 'b'], na: '0' }),
    ).rejects.toThrow(
      '2 usable rows for 2 features: the regression needs at least 4 (features + 2) (2 of 4 rows used: 2 not applicable)',
    );
  });

  it('refuses what is not a CSV file', async () => {
    await expect(
      driversFromCsv({ path: join(dir, 'absent.csv'), target: 'x', features: ['y'] }),
    ).rejects.toThrow('absent.csv: no such file');
    await expect(
      driversFromCsv({ path: join(dir, 'log.xes'), target: 'x', features: ['y'] }),
    ).rejects.toThrow('drivers reads CSV files');
  });
});
