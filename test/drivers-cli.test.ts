/**
 * `journeylens drivers` as a user runs it: the Markdown and JSON outputs on a small survey
 * written to a temp folder, a note for values that are not numbers, and exit code 2 with a
 * clear message for every usage error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cli } from './cli.js';

/** overall, then three ratings with 0 = not applicable; one row has a 0, one a "n/a". */
const SURVEY = [
  'overall,Seat Comfort,Leg Room,Wifi',
  '5,5,4,3',
  '4,4,4,2',
  '2,1,3,2',
  '3,3,2,4',
  '1,2,1,1',
  '5,4,5,5',
  '4,0,3,3',
  '4,5,3,3',
  '2,2,2,1',
  '3,2,4,n/a',
  '1,1,2,2',
  '4,3,5,4',
  '3,4,3,5',
];

let dir: string;
let survey: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-drivers-cli-'));
  survey = join(dir, 'survey.csv');
  await writeFile(survey, SURVEY.join('\n') + '\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FEATURES = ['--features', 'Seat Comfort, Leg Room,Wifi'];

describe('journeylens drivers', () => {
  it('prints a ranked Markdown table with R², rows used and left out, and the method', async () => {
    const r = await cli(['drivers', survey, '--target', 'overall', '--na', '0', ...FEATURES]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'journeylens: note: 1 row left out for a value that is not a number, e.g. record 10, "Wifi": "n/a"\n',
    );
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# Key drivers of "overall"');
    expect(lines[2]).toMatch(
      /^survey\.csv: R² = 0\.\d{3} on 11 of 13 rows \(left out: 1 not applicable, 1 not a number\)\.$/,
    );
    const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((l) => l.split('|')[2]?.trim()).sort()).toEqual([
      'Leg Room',
      'Seat Comfort',
      'Wifi',
    ]);
    const shares = rows.map((l) => Number(/\| ([\d.]+)% \|/.exec(l)?.[1]));
    expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(100, 0);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(r.stdout).toMatch(/\| (keep up|fix first|possible overkill|lower priority) \|\n/);
    expect(r.stdout).toContain("Method: Johnson's relative weights (Johnson 2000)");
  });

  it('prints the JSON contract', async () => {
    const r = await cli([
      'drivers',
      survey,
      '--target',
      'overall',
      '--na',
      '0',
      ...FEATURES,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      r2: number;
      rowsUsed: number;
      rowsLeftOut: number;
      rowsLeftOutBy: Record<string, number>;
      drivers: Record<string, unknown>[];
      method: string;
    };
    expect(Object.keys(out)).toEqual([
      'r2',
      'rowsUsed',
      'rowsLeftOut',
      'rowsLeftOutBy',
      'drivers',
      'method',
    ]);
    expect([out.rowsUsed, out.rowsLeftOut]).toEqual([11, 2]);
    expect(Object.values(out.rowsLeftOutBy).reduce((s, n) => s + n, 0)).toBe(2);
    expect(out.drivers).toHaveLength(3);
    for (const d of out.drivers)
      expect(Object.keys(d)).toEqual([
        'feature',
        'rawWeight',
        'rescaledWeight',
        'performance',
        'quadrant',
      ]);
    const raw = out.drivers.reduce((s, d) => s + (d.rawWeight as number), 0);
    expect(raw).toBeCloseTo(out.r2, 12);
  });

  it('stops with exit code 2 and a clear message on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--target', 'overall', '--features', 'Seat,Wifi'],
        /: no column "Seat"; the columns are "overall", "Seat Comfort", "Leg Room", "Wifi"/,
      ],
      [
        ['--target', 'Overall', ...FEATURES],
        /no column "Overall" \(did you mean "Overall" → "overall"\?\)/,
      ],
      [['--target', 'overall', '--features', ' , '], /--features: name at least one column/],
      [['--target', 'overall', '--features', 'Wifi,Wifi'], /--features: "Wifi" is named twice/],
      [['--target', 'overall', '--features', 'overall,Wifi'], /"overall" is the target/],
      [['--target', 'overall'], /required option '--features <columns>' not specified/],
      [['--target', 'overall', ...FEATURES, '--format', 'xml'], /argument 'xml' is invalid/],
      [
        ['--target', 'overall', ...FEATURES, '--positive', 'yes'],
        /--positive yes: no row has this value in "overall"; its values include "5", "4"/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(['drivers', survey, ...args])));
    results.forEach((r, i) => {
      const [args, message] = cases[i] ?? [[], /./];
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    });
    const missing = await cli([
      'drivers',
      join(dir, 'absent.csv'),
      '--target',
      'x',
      '--features',
      'y',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/absent\.csv: no such file/);
  });

  it('shows an example on the airline survey in --help', async () => {
    const r = await cli(['drivers', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('journeylens drivers airline_passenger_satisfaction.csv');
    expect(r.stdout).toContain('--target Satisfaction --positive Satisfied --na 0');
  });
});
