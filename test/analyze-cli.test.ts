/**
 * `journeylens analyze` on a small demo: the JSON has the report's sections, each friction
 * entry its type, touchpoint, customers, occurrences and per-month series, and the totals per
 * type equal what the generator recorded; Markdown and a self-contained HTML file as well.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FRICTION_TYPES } from '../src/query/friction.js';
import type { TAnalysis } from '../src/service/analyze.js';
import { assertBuilt, cli } from './cli.js';

let dir: string;
let out: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-analyze-'));
  out = join(dir, 'demo');
  const demo = await cli(['demo', '--seed', '5', '--customers', '600', '--out', out, '--no-serve']);
  if (demo.code !== 0) throw new Error(demo.stderr);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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

it('writes Markdown and a self-contained HTML file', async () => {
  const md = await cli(['analyze', '-w', out]);
  expect(md.stdout).toContain('# Journey analysis: Larkspur Living');
  expect(md.stdout).toContain('## Opportunities');
  const file = join(dir, 'report.html');
  const html = await cli(['analyze', '-w', out, '--format', 'html', '--out', file]);
  expect(html.code, html.stderr).toBe(0);
  const page = readFileSync(file, 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  expect(page).toContain('<h2>Friction</h2>');
  expect(page).not.toMatch(/<script|<link|src="http/);
});
