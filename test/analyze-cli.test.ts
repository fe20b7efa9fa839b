/**
 * `journeylens analyze`, run as a user runs it.
 *
 * On a small demo: the JSON has the report's sections and every friction and deviation priced
 * once; the Markdown and the self-contained HTML page carry every section.
 *
 * On a hand-made fixture (test/fixtures/report/journeylens.yaml over the friction fixture's
 * events and customers): the whole Markdown report is compared with the golden file
 * test/fixtures/report/friction.md, and the HTML escapes a touchpoint named
 * `Billing <b>desk</b> & "help"`. After an intended change to the report, regenerate the golden
 * file and review its diff:
 *
 *   npm run build && npx vitest run test/analyze-cli.test.ts -u && git diff test/fixtures/report
 *
 * Also: clear errors for a folder without a workspace, an empty store and a bad --out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRICTION_TYPES } from '../src/query/friction.js';
import type { TAnalysis } from '../src/service/analyze.js';
import { assertBuilt, cli, REPO } from './cli.js';

const FIXTURES = join(REPO, 'test', 'fixtures');
const SECTIONS = [
  '## Summary',
  '## Opportunities',
  '## Friction',
  '## Conformance to the ideal journeys',
  '## Moments of truth',
  '## Stages',
];

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-analyze-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('on a small demo', () => {
  let out: string;
  beforeAll(async () => {
    out = join(dir, 'demo');
    const demo = await cli([
      'demo',
      '--seed',
      '5',
      '--customers',
      '600',
      '--out',
      out,
      '--no-serve',
    ]);
    if (demo.code !== 0) throw new Error(demo.stderr);
  }, 120_000);

  it('writes the analysis as JSON with every section', async () => {
    const r = await cli(['analyze', '-w', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as TAnalysis;
    for (const key of ['conformance', 'friction', 'momentsOfTruth', 'stages', 'opportunities'])
      expect(a).toHaveProperty(key);
    const first = a.friction[0];
    expect(first).toBeDefined();
    expect(FRICTION_TYPES).toContain(first?.type);
    expect(first?.perMonth.reduce((sum, p) => sum + p.occurrences, 0)).toBe(first?.occurrences);

    expect(a.stages.map((s) => s.stage)).toEqual(
      [
        'Awareness',
        'Interest',
        'Intent',
        'Purchase',
        'Fulfilment',
        'Activation',
        'Support',
        'Retention',
      ].filter((s) => a.stages.some((x) => x.stage === s)),
    );
    // Every friction and every deviation is priced, each once.
    expect(a.opportunities.filter((o) => o.source === 'friction')).toHaveLength(a.friction.length);
    expect(a.opportunities.filter((o) => o.source === 'deviation')).toHaveLength(
      a.conformance.deviations.length,
    );
    const totals = a.opportunities.map((o) => o.totalPerYear);
    expect([...totals].sort((x, y) => y - x)).toEqual(totals);
  });

  it('writes Markdown with every section, names from the workspace and bounded tables', async () => {
    const md = await cli(['analyze', '-w', out]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Journey analysis: Larkspur Living\n/);
    const positions = SECTIONS.map((s) => md.stdout.indexOf(`\n${s}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(md.stdout).toContain('### Top 5 opportunities');
    // Team names, not ids; money in the workspace currency.
    expect(md.stdout).toContain('Customer Service');
    expect(md.stdout).not.toContain('| customer-service |');
    expect(md.stdout).toMatch(/\| €[\d,]+ \|/);
    // 600 customers give more than 20 opportunities: the table says how many are left out.
    expect(md.stdout).toMatch(/…and [\d,]+ more opportunities \(all of them are in the JSON/);
  });

  it('writes one self-contained HTML page with the same sections and charts', async () => {
    const file = join(dir, 'report.html');
    const html = await cli(['analyze', '-w', out, '--format', 'html', '--out', file]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stderr).toContain(`wrote ${file}`);
    const page = readFileSync(file, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    for (const id of [
      'summary',
      'opportunities',
      'friction',
      'conformance',
      'moments-of-truth',
      'stages',
    ])
      expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('<h2>Friction</h2>');
    expect(page.match(/<svg class="spark"/g)?.length).toBeGreaterThan(10);
    expect(page.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(page).not.toMatch(/<script|<link|\ssrc=|url\(|@import|https?:/i);
  });
});

describe('on a hand-made fixture', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = join(dir, 'fixture');
    await mkdir(workspace);
    await copyFile(
      join(FIXTURES, 'report', 'journeylens.yaml'),
      join(workspace, 'journeylens.yaml'),
    );
    const data = join(FIXTURES, 'friction');
    for (const args of [
      [join(data, 'customers.csv'), '--kind', 'customers'],
      [join(data, 'events.csv')],
    ]) {
      const r = await cli(['import', ...args, '-w', workspace]);
      if (r.code !== 0) throw new Error(r.stderr);
    }
  }, 60_000);

  it('writes the Markdown report of the golden file', async () => {
    const r = await cli(['analyze', '-w', workspace, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(join(FIXTURES, 'report', 'friction.md'));
  });

  it('escapes names in the HTML page and keeps it self-contained', async () => {
    const file = join(workspace, 'report.html');
    const r = await cli(['analyze', '-w', workspace, '--format', 'html', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page).not.toContain('<b>desk');
    // In the friction table, the moments proposed and the opportunities.
    expect(
      page.split('Billing &lt;b&gt;desk&lt;/b&gt; &amp; &quot;help&quot;').length - 1,
    ).toBeGreaterThanOrEqual(3);
    expect(page).toContain('$58.79');
    expect(page).toContain('<section id="unmapped">');
    expect(page).not.toMatch(/<script|<link|\ssrc=|url\(|@import|https?:/i);
  });
});

describe('errors and help', () => {
  it('says where to start when the folder has no workspace', async () => {
    const r = await cli(['analyze', '-w', join(dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no workspace here; create one with `journeylens init /);
  });

  it('says to import data when the store is empty', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await copyFile(join(FIXTURES, 'report', 'journeylens.yaml'), join(empty, 'journeylens.yaml'));
    const r = await cli(['analyze', '-w', empty]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the workspace store has no events to analyze');
    expect(r.stderr).toContain(`journeylens import events.csv -w ${empty}`);
  });

  it('refuses an --out in a folder that does not exist, before analysing', async () => {
    const ws = join(dir, 'bad-out');
    await mkdir(ws);
    await copyFile(join(FIXTURES, 'report', 'journeylens.yaml'), join(ws, 'journeylens.yaml'));
    const r = await cli(['analyze', '-w', ws, '-o', join(dir, 'no', 'r.md')]);
    expect(r.code).toBe(2);
    // Refused before the store was opened (opening it creates its folder).
    expect(existsSync(join(ws, '.journeylens'))).toBe(false);
    expect(r.stderr).toContain(`the folder ${join(dir, 'no')} does not exist`);
  });

  it('explains the formats and gives examples', async () => {
    const r = await cli(['analyze', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toMatch(/one self-contained\s+page/);
    expect(r.stdout).toContain('journeylens analyze -w acme --format html --out report.html');
  });
});
